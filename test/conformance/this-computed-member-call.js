// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o[k]() passes o
---*/
var o = { a: function () { return this; } };
function g(k) { return o[k](); }
assert.sameValue(g("a"), o);
