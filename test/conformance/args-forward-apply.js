// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: forwarding arguments with apply keeps them
---*/
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
function f() { return sum.apply(null, arguments); }
assert.sameValue(f(1, 2, 3, 4), 10);
