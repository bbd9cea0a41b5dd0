// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments.callee is the function in sloppy code
flags: [noStrict]
---*/
function f() { return arguments.callee; }
assert.sameValue(f(), f);
var g = function () { return arguments.callee; };
assert.sameValue(g(), g);
