// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: static methods use super on the parent constructor
---*/
class A { static s() { return "A"; } }
class B extends A { static s() { return "B" + super.s(); } }
assert.sameValue(B.s(), "BA");
