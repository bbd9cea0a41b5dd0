// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a local's compound assignment reads it before the call
---*/
function g() { var x = 1; function f() { x = 100; return 2; } x += f(); return x; }
assert.sameValue(g(), 3);
