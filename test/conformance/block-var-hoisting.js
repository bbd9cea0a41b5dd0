// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: var declarations hoist out of blocks
---*/
function g() { if (false) { var v = 1; } return v; }
assert.sameValue(g(), undefined);
