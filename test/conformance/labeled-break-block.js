// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: break out of a labeled block
---*/
function id(x) { return x; }
function g() { var r = 0; L: { r = id(1); if (r) break L; r = 2; } return r; }
assert.sameValue(g(), 1);
