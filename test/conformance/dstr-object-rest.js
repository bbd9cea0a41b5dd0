// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: object rest copies the remaining own enumerable properties
includes: [compareArray.js]
---*/
function g() { var { a, ...rest } = { a: 1, b: 2, c: 3 }; return Object.keys(rest); }
assert.compareArray(g(), ["b", "c"]);
