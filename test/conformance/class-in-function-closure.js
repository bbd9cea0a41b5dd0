// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a class in a function closes over locals
---*/
function g(x) { class C { get() { return x; } } return new C(); }
assert.sameValue(g(4).get(), 4);
