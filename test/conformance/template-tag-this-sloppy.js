// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a plain tag's this is the global object in sloppy code
flags: [noStrict]
---*/
function tag() { return this; }
function g() { return tag`x`; }
assert.sameValue(g(), globalThis);
