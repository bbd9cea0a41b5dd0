// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: parameter defaults can use earlier parameters
---*/
function g(a, b = a + 1, { c } = { c: b * 2 }) { return [a, b, c].join(); }
assert.sameValue(g(1), "1,2,4");
assert.sameValue(g(1, 5), "1,5,10");
