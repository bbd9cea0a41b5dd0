// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: destructuring in a for-of head
includes: [compareArray.js]
---*/
function g() { var r = []; for (var [k, v] of [["a", 1], ["b", 2]]) r.push(k + v); for (const { x, y = 9 } of [{ x: 1 }]) r.push(x + y); return r; }
assert.compareArray(g(), ["a1", "b2", 10]);
