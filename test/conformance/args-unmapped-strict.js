// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: strict functions have unmapped arguments
flags: [onlyStrict]
---*/
function f(a) { a = 2; arguments[0] = 3; return [a, arguments[0]]; }
var r = f(1);
assert.sameValue(r[0], 2);
assert.sameValue(r[1], 3);
