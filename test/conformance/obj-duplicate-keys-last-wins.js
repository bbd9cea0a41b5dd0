// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: duplicate keys keep the last value
---*/
function g() { return { a: 1, a: 2 }.a; }
assert.sameValue(g(), 2);
