// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: template objects and raw arrays are frozen, raw keeps escapes
---*/
function tag(s) { return s; }
function g() { return tag`a\n${0}b`; }
var s = g();
assert.sameValue(Object.isFrozen(s), true);
assert.sameValue(Object.isFrozen(s.raw), true);
assert.sameValue(s[0], "a\n");
assert.sameValue(s.raw[0], "a\\n");
