// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o.m?.() is undefined when m is missing
---*/
var o = {};
function g() { return o.m?.(); }
assert.sameValue(g(), undefined);
