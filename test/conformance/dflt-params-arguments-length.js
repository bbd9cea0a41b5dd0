// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments counts passed arguments only
---*/
function g(a = 1, b = 2) { return arguments.length; }
assert.sameValue(g(), 0);
assert.sameValue(g(undefined), 1);
