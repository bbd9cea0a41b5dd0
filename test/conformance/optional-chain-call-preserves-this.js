// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: optional calls keep this
---*/
var o = { v: 3, m() { return this.v; } };
function g() { return o?.m() + o.m?.() + (o?.m)(); }
assert.sameValue(g(), 9);
