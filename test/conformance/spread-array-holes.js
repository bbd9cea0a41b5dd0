// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: array spread turns holes into undefined
---*/
function g() { var a = [...[1, , 3]]; return 1 in a && a[1] === undefined; }
assert.sameValue(g(), true);
