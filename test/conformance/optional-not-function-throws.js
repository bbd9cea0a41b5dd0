// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o.m?.() throws when m is not callable and not nullish
---*/
var o = { m: 1 };
function g() { return o.m?.(); }
assert.throws(TypeError, g);
