// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: continue to an outer loop closes the inner iterator
---*/
var closed = 0;
function mk() { return { [Symbol.iterator]: function () { return { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } }; } }; }
function g() { outer: for (var i = 0; i < 3; i++) { for (var x of mk()) continue outer; } }
g();
assert.sameValue(closed, 3);
