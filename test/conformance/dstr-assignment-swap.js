// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: destructuring assignment swaps
---*/
function g() { var a = 1, b = 2; [a, b] = [b, a]; return a * 10 + b; }
assert.sameValue(g(), 21);
