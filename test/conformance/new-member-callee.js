// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new o.C() constructs o.C
---*/
var o = { C: function (v) { this.v = v; } };
function g() { return new o.C(4); }
assert.sameValue(g().v, 4);
assert.sameValue(g() instanceof o.C, true);
