// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: class getters and setters
---*/
class C { get v() { return this._v * 2; } set v(x) { this._v = x; } }
function g() { var c = new C(); c.v = 3; return c.v; }
assert.sameValue(g(), 6);
