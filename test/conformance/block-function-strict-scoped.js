// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function declared in a block is block-scoped in strict code
flags: [onlyStrict]
---*/
function g() { { function inner() { return 1; } } return typeof inner; }
assert.sameValue(g(), "undefined");
