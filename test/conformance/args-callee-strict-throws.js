// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments.callee throws in strict code
flags: [onlyStrict]
---*/
function f() { return arguments.callee; }
assert.throws(TypeError, function () { f(); });
