// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function declared in a block is visible after it in sloppy code
flags: [noStrict]
---*/
function g() { { function inner() { return 1; } } return typeof inner; }
assert.sameValue(g(), "function");
