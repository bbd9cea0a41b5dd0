// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments read in a loop with calls
---*/
function id(x) { return x; }
function f() { var s = 0; for (var i = 0; i < arguments.length; i++) s += id(arguments[i]); return s; }
assert.sameValue(f(1, 2, 3), 6);
