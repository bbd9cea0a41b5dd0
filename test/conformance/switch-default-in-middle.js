// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: default in the middle falls through to later cases
includes: [compareArray.js]
---*/
function g(v) { var r = []; switch (v) { case 1: r.push(1); default: r.push("d"); case 2: r.push(2); } return r; }
assert.compareArray(g(5), ["d", 2]);
assert.compareArray(g(1), [1, "d", 2]);
