// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: super.x = v sets on this
---*/
class A {}
class B extends A { m() { super.x = 3; return this.x; } }
assert.sameValue(new B().m(), 3);
