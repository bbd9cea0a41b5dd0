// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: writing arguments after a call updates the parameter
flags: [noStrict]
---*/
function g() { return 0; }
function f(a, b) { g(); arguments[1] = 7; g(); return a + b; }
assert.sameValue(f(1, 2), 8);
