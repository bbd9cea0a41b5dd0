// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new.target is kept across calls in a constructor
---*/
function id(x) { return x; }
function F() { id(1); this.nt = new.target; id(2); this.nt2 = new.target; }
function g() { return new F(); }
var o = g();
assert.sameValue(o.nt, F);
assert.sameValue(o.nt2, F);
assert.sameValue(Object.getPrototypeOf(o), F.prototype);
