// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of walks an array
includes: [compareArray.js]
---*/
function g() { var r = []; for (var x of [1, 2, 3]) r.push(x * 2); return r; }
assert.compareArray(g(), [2, 4, 6]);
