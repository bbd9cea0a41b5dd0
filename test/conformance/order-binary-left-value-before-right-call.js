// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the left operand's value is taken before the right call changes it
---*/
function g() { var x = 1; function f() { x = 10; return 0; } return x + f(); }
assert.sameValue(g(), 1);
