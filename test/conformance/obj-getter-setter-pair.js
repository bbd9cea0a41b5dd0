// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a getter and a setter on one key
---*/
function g() { var o = { _v: 0, get v() { return this._v; }, set v(x) { this._v = x * 2; } }; o.v = 2; return o.v; }
assert.sameValue(g(), 4);
