// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a missing argument's parameter is not mapped
flags: [noStrict]
---*/
function f(a, b) { b = 5; return [arguments.length, arguments[1]]; }
var r = f(1);
assert.sameValue(r[0], 1);
assert.sameValue(r[1], undefined);
