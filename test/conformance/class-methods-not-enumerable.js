// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: class methods are not enumerable
---*/
class C { m() {} static s() {} }
assert.sameValue(Object.getOwnPropertyDescriptor(C.prototype, "m").enumerable, false);
assert.sameValue(Object.getOwnPropertyDescriptor(C, "s").enumerable, false);
assert.sameValue(Object.keys(C.prototype).length, 0);
