// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a default referring to a later parameter throws
---*/
function g(a = b, b) { return a; }
assert.throws(ReferenceError, function () { g(); });
assert.sameValue(g(1), 1);
