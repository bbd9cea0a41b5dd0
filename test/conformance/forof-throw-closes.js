// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a throw in the body closes the iterator
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { return { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } }; } };
function g() { for (var x of it) throw new Test262Error("body"); }
assert.throws(Test262Error, g);
assert.sameValue(closed, 1);
