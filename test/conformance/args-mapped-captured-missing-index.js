// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a missing argument is not linked to its captured parameter
flags: [noStrict]
---*/
function f(a, b) { var get = () => b; arguments[1] = 10; return [get(), arguments.length]; }
var r = f(1);
assert.sameValue(r[0], undefined);
assert.sameValue(r[1], 1);
