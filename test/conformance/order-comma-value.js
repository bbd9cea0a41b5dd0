// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the comma operator returns its last value
---*/
function f(x) { return x; }
function g() { return (f(1), f(2), f(3)); }
assert.sameValue(g(), 3);
