// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: array destructuring uses the iterator
includes: [compareArray.js]
---*/
var it = { [Symbol.iterator]: function () { var i = 0; return { next: function () { return { value: i++, done: false }; }, return: function () { return {}; } }; } };
function g() { var [a, b, c] = it; return [a, b, c]; }
assert.compareArray(g(), [0, 1, 2]);
