// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a constructor returning a primitive keeps this
---*/
function F() { this.a = 1; return 5; }
function g() { return new F(); }
assert.sameValue(g().a, 1);
