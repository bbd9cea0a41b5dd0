// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-in walks own and inherited enumerable keys
includes: [compareArray.js]
---*/
function g() { var p = { a: 1 }; var o = Object.create(p); o.b = 2; var r = []; for (var k in o) r.push(k); return r.sort(); }
assert.compareArray(g(), ["a", "b"]);
