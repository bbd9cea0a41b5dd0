// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: var in a loop is one binding
includes: [compareArray.js]
---*/
function g() { var fs = []; for (var i = 0; i < 3; i++) fs.push(function () { return i; }); return fs.map(function (f) { return f(); }); }
assert.compareArray(g(), [3, 3, 3]);
