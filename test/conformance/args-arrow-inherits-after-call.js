// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow sees arguments after calls
---*/
function id(x) { return x; }
function f() { id(0); var a = () => id(arguments.length); return a() + id(arguments[0]); }
assert.sameValue(f(10, 20, 30), 13);
