// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a let in a loop body is fresh each iteration
includes: [compareArray.js]
---*/
function g() { var fs = []; for (var i = 0; i < 3; i++) { let j = i; fs.push(() => j); } return fs.map((f) => f()); }
assert.compareArray(g(), [0, 1, 2]);
