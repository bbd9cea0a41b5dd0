// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a return in finally overrides the try's return
---*/
function g() { try { return 1; } finally { return 2; } }
assert.sameValue(g(), 2);
