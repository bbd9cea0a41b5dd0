// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a let in one case is in its dead zone in another
---*/
function g(v) { switch (v) { case 0: let x = 1; return x; case 1: return x; } }
assert.sameValue(g(0), 1);
assert.throws(ReferenceError, function () { g(1); });
