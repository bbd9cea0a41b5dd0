// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow's this is the method's, also after calls
---*/
function id(x) { return x; }
var o = { m: function () { id(1); var a = () => this; id(2); return a(); } };
assert.sameValue(o.m(), o);
