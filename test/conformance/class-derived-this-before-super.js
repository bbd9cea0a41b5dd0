// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: this before super() throws ReferenceError
---*/
class A {}
class B extends A { constructor() { this.x = 1; super(); } }
assert.throws(ReferenceError, function () { new B(); });
