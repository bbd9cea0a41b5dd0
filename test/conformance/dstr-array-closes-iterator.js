// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a pattern that does not exhaust the iterator closes it
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { return { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } }; } };
function g() { var [a] = it; return a; }
assert.sameValue(g(), 1);
assert.sameValue(closed, 1);
