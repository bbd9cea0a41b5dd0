// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy function called plainly gets the global object
flags: [noStrict]
---*/
function f() { return this; }
assert.sameValue(f(), globalThis);
function g() { return f(); }
assert.sameValue(g(), globalThis);
