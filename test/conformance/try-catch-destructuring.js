// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a destructuring catch parameter
---*/
function g() { try { throw { a: 1, b: [2] }; } catch ({ a, b: [c] }) { return a + c; } }
assert.sameValue(g(), 3);
