// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a member tag gets its object as this
---*/
var o = { t: function () { return this; } };
function g() { return o.t`x`; }
assert.sameValue(g(), o);
