// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: non-simple parameter lists make arguments unmapped
flags: [noStrict]
---*/
function f(a = 0) { a = 2; return arguments[0]; }
assert.sameValue(f(1), 1);
