// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a var named arguments is the arguments object
flags: [noStrict]
---*/
function f(a) { var arguments; return arguments[0]; }
assert.sameValue(f(4), 4);
