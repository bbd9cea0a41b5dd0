// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: deep recursion of a compiled function returns the right value
---*/
function sum(n) { return n === 0 ? 0 : n + sum(n - 1); }
assert.sameValue(sum(5000), 12502500);
