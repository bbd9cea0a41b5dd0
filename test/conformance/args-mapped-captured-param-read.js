// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a parameter captured by a closure is still mapped
flags: [noStrict]
---*/
function f(a) { var get = function () { return a; }; arguments[0] = 9; return get(); }
assert.sameValue(f(1), 9);
