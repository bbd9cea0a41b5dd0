// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-in let bindings are per iteration
includes: [compareArray.js]
---*/
function g() { var fs = []; for (let k in { a: 1, b: 2 }) fs.push(() => k); return fs.map((f) => f()); }
assert.compareArray(g(), ["a", "b"]);
