// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: instances link to the class prototype
---*/
function g() { class C {} var c = new C(); return Object.getPrototypeOf(c) === C.prototype && C.prototype.constructor === C; }
assert.sameValue(g(), true);
