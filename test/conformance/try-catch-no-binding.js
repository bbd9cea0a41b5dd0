// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: catch without a binding
---*/
function g() { try { throw 1; } catch { return "caught"; } }
assert.sameValue(g(), "caught");
