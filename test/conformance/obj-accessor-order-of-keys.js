// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: accessors keep their key order
includes: [compareArray.js]
---*/
function g() { return Object.keys({ a: 1, get b() { return 2; }, c: 3 }); }
assert.compareArray(g(), ["a", "b", "c"]);
