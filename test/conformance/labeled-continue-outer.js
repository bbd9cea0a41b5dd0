// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: continue an outer loop from an inner loop with calls
---*/
function id(x) { return x; }
function g() { var n = 0; outer: for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) { if (id(j) === 1) continue outer; n++; } } return n; }
assert.sameValue(g(), 3);
