// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a rest parameter makes arguments unmapped
flags: [noStrict]
---*/
function f(a, ...r) { arguments[0] = 5; return a; }
assert.sameValue(f(1, 2), 1);
