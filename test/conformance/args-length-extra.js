// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments holds extra arguments
---*/
function f(a) { return [arguments.length, arguments[2]]; }
var r = f(1, 2, 3);
assert.sameValue(r[0], 3);
assert.sameValue(r[1], 3);
