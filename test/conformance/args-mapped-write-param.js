// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy function's parameter write shows in arguments
flags: [noStrict]
---*/
function f(a) { a = 2; return arguments[0]; }
assert.sameValue(f(1), 2);
