// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: defaults apply to undefined, not null
---*/
function g(a = 1) { return a; }
assert.sameValue(g(undefined), 1);
assert.sameValue(g(null), null);
