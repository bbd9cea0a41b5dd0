// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a derived constructor passes arguments to super and continues
---*/
class A { constructor(a, b) { this.s = a + b; } }
class B extends A { constructor(x) { super(x, 1); this.t = this.s * 2; } }
function g() { var b = new B(2); return [b.s, b.t, b instanceof A]; }
var r = g();
assert.sameValue(r[0], 3);
assert.sameValue(r[1], 6);
assert.sameValue(r[2], true);
