// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: delete o?.p
---*/
function g(o) { return delete o?.p; }
var o = { p: 1 };
assert.sameValue(g(o), true);
assert.sameValue("p" in o, false);
assert.sameValue(g(null), true);
