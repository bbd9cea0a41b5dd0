// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: Reflect.construct passes a custom new.target
---*/
function N() {}
function F() { this.nt = new.target; }
function g() { return Reflect.construct(F, [], N); }
var o = g();
assert.sameValue(o.nt, N);
assert.sameValue(Object.getPrototypeOf(o), N.prototype);
