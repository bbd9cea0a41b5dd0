// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: typeof of a call result
---*/
function f() { return 1; }
function g() { return typeof f(); }
assert.sameValue(g(), "number");
