// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the head expression sees the loop binding in its dead zone
---*/
function g() { let x = [1]; for (let x of x) {} }
assert.throws(ReferenceError, g);
