// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a key deleted during for-in is not visited
includes: [compareArray.js]
---*/
function g() { var o = { a: 1, b: 2, c: 3 }; var r = []; for (var k in o) { r.push(k); delete o.b; } return r; }
assert.compareArray(g(), ["a", "c"]);
