// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: missing arguments are undefined and not counted
---*/
function f(a, b) { return [arguments.length, a, b]; }
var r = f();
assert.sameValue(r[0], 0);
assert.sameValue(r[1], undefined);
assert.sameValue(r[2], undefined);
