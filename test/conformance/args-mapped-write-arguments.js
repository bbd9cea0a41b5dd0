// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy function's arguments write shows in the parameter
flags: [noStrict]
---*/
function f(a) { arguments[0] = 3; return a; }
assert.sameValue(f(1), 3);
