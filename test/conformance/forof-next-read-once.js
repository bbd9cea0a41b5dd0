// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: next is read once per loop
---*/
var reads = 0;
var it = { [Symbol.iterator]: function () { var i = 0; return { get next() { reads++; return function () { return { value: i, done: i++ >= 3 }; }; } }; } };
function g() { var s = 0; for (var x of it) s += x; return s; }
assert.sameValue(g(), 3);
assert.sameValue(reads, 1);
