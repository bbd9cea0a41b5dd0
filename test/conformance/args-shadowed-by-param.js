// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a parameter named arguments shadows the object
flags: [noStrict]
---*/
function f(arguments) { return arguments; }
assert.sameValue(f(4), 4);
