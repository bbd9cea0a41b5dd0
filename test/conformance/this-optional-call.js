// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o?.m() and o.m?.() pass o
---*/
var o = { m: function () { return this; } };
function g() { return [o?.m(), o.m?.(), o?.["m"]?.()]; }
var r = g();
assert.sameValue(r[0], o);
assert.sameValue(r[1], o);
assert.sameValue(r[2], o);
