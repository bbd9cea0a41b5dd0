// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow capturing a parameter sees arguments writes
flags: [noStrict]
---*/
function f(a, b) { var sum = () => a + b; arguments[1] = 10; return sum(); }
assert.sameValue(f(1, 2), 11);
