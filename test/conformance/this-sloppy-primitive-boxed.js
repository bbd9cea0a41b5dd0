// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy function boxes a primitive this
flags: [noStrict]
---*/
function f() { return typeof this; }
assert.sameValue(f.call(5), "object");
function g() { return f.call("s"); }
assert.sameValue(g(), "object");
