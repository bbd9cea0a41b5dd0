// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a strict function keeps a primitive this
flags: [onlyStrict]
---*/
function f() { return this; }
assert.sameValue(f.call(5), 5);
function g() { return f.call(null); }
assert.sameValue(g(), null);
