// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments sees all arguments next to a rest parameter
---*/
function g(a, ...r) { return arguments.length + r.length; }
assert.sameValue(g(1, 2, 3), 5);
