// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new.target in constructors is the constructed class
---*/
var seen;
class A { constructor() { seen = new.target; } }
class B extends A {}
new B();
assert.sameValue(seen, B);
