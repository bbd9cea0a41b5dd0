// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a method call passes the object
---*/
var o = { m: function () { return this; } };
function g() { return o.m(); }
assert.sameValue(g(), o);
assert.sameValue(o["m"](), o);
