// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a base constructor may return another object
---*/
class C { constructor() { return { other: true }; } }
assert.sameValue(new C().other, true);
assert.sameValue(new C() instanceof C, false);
