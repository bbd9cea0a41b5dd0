// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a nested sloppy function called plainly gets the global object
flags: [noStrict]
---*/
var o = { m: function () { function inner() { return this; } return inner(); } };
assert.sameValue(o.m(), globalThis);
