// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: each iteration has its own let binding
includes: [compareArray.js]
---*/
function g() { var fs = []; for (let x of [1, 2, 3]) fs.push(function () { return x; }); return fs.map(function (f) { return f(); }); }
assert.compareArray(g(), [1, 2, 3]);
