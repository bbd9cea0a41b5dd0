// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for (let …) copies the binding per iteration
includes: [compareArray.js]
---*/
function g() { var fs = []; for (let i = 0; i < 3; i++) fs.push(function () { return i; }); return fs.map(function (f) { return f(); }); }
assert.compareArray(g(), [0, 1, 2]);
