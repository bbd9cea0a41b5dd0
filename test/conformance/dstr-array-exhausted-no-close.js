// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an exhausted iterator is not closed
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { var done = false; return { next: function () { var r = { value: 1, done: done }; done = true; return r; }, return: function () { closed++; return {}; } }; } };
function g() { var [a, b] = it; return [a, b]; }
var r = g();
assert.sameValue(r[0], 1);
assert.sameValue(r[1], undefined);
assert.sameValue(closed, 0);
