// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the mapping survives a call in between
flags: [noStrict]
---*/
function g() { return 0; }
function f(a) { g(); a = 5; g(); return arguments[0]; }
assert.sameValue(f(1), 5);
