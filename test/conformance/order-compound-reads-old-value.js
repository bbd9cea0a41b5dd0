// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: x += f() reads x before calling f
---*/
var x = 1;
function f() { x = 100; return 2; }
function g() { x += f(); return x; }
assert.sameValue(g(), 3);
