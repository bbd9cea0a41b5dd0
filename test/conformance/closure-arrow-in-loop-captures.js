// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arrows in a loop capture per-iteration lets with calls
includes: [compareArray.js]
---*/
function id(x) { return x; }
function g() { var out = []; for (let i = 0; i < 3; i++) { let v = id(i * 2); out.push(() => v + i); } return out.map((f) => f()); }
assert.compareArray(g(), [0, 3, 6]);
