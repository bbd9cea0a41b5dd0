// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a class getter uses super
---*/
class A { get v() { return 1; } }
class B extends A { get v() { return super.v + 1; } }
assert.sameValue(new B().v, 2);
