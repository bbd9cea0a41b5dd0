// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a rest parameter is a real array
---*/
function g(...r) { return Array.isArray(r) && r.length; }
assert.sameValue(g(1, 2, 3), 3);
assert.sameValue(g(), 0);
