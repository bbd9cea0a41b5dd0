// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a constructor returning an object replaces this
---*/
function F() { this.a = 1; return { b: 2 }; }
function g() { return new F(); }
var o = g();
assert.sameValue(o.a, undefined);
assert.sameValue(o.b, 2);
