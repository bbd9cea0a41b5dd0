// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a throw from next does not close the iterator
---*/
var closed = 0;
var it = { [Symbol.iterator]: function () { return { next: function () { throw new Test262Error("next"); }, return: function () { closed++; return {}; } }; } };
function g() { for (var x of it) {} }
assert.throws(Test262Error, g);
assert.sameValue(closed, 0);
