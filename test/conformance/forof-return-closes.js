// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: return from the body closes the iterator
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { return { next: function () { return { value: 5, done: false }; }, return: function () { closed++; return {}; } }; } };
function g() { for (var x of it) return x; }
assert.sameValue(g(), 5);
assert.sameValue(closed, 1);
