// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the class name inside the class is the class
---*/
function g() { class C { self() { return C; } } return new C().self() === C; }
assert.sameValue(g(), true);
