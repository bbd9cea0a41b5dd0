// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a return in finally swallows the exception
---*/
function g() { try { throw new Error("x"); } finally { return 3; } }
assert.sameValue(g(), 3);
