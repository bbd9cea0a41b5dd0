// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: array rest collects the remaining elements
includes: [compareArray.js]
---*/
function g() { var [a, ...r] = [1, 2, 3]; return r; }
assert.compareArray(g(), [2, 3]);
