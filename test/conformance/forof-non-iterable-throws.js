// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of over a non-iterable throws TypeError
---*/
function g() { for (var x of {}) {} }
assert.throws(TypeError, g);
