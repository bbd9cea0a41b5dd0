// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: nested patterns with defaults
---*/
function g() { var { a: [x, { y = 5 } = {}] = [] } = { a: [1] }; return x + y; }
assert.sameValue(g(), 6);
