// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: break calls the iterator's return
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { return { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } }; } };
function g() { for (var x of it) break; }
g();
assert.sameValue(closed, 1);
