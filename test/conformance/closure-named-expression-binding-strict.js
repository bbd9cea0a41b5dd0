// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: assigning a function expression's own name throws in strict code
flags: [onlyStrict]
---*/
var f = function g() { g = 1; };
assert.throws(TypeError, f);
