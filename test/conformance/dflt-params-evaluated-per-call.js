// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: defaults are evaluated at each call
---*/
var n = 0;
function g(a = ++n) { return a; }
g(); g(); g(5);
assert.sameValue(n, 2);
