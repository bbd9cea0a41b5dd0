// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: assigning a function expression's own name is ignored in sloppy code
flags: [noStrict]
---*/
var f = function g() { g = 1; return typeof g; };
assert.sameValue(f(), "function");
