// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the returned value is computed before finally runs
---*/
function g() { var x = 1; try { return x; } finally { x = 2; } }
assert.sameValue(g(), 1);
