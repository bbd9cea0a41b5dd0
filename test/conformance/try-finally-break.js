// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: break in finally cancels the return
---*/
function g() { var r = 0; for (;;) { try { return 1; } finally { r = 5; break; } } return r; }
assert.sameValue(g(), 5);
