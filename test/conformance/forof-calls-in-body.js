// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of with calls in the body
includes: [compareArray.js]
---*/
function id(x) { return x; }
function g() { var r = []; for (var x of [1, 2, 3]) { r.push(id(x) + id(1)); } return r; }
assert.compareArray(g(), [2, 3, 4]);
