// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an inner function has its own arguments
---*/
function f() { return function () { return arguments.length; }; }
assert.sameValue(f(1, 2, 3)(), 0);
