// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a closure captures a let declared in a case
---*/
function g() { switch (1) { case 1: let v = "x"; return function () { return v; }; } }
assert.sameValue(g()(), "x");
