// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-in over null or undefined runs no iteration
---*/
function g() { var n = 0; for (var k in null) n++; for (var k2 in undefined) n++; return n; }
assert.sameValue(g(), 0);
