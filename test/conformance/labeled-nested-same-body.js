// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: several labels on one statement
---*/
function g() { var n = 0; a: b: for (var i = 0; i < 3; i++) { n++; if (i === 1) break a; } return n; }
assert.sameValue(g(), 2);
