// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: closures see the block's let, not the outer one
---*/
function g() { let x = "outer"; var f; { let x = "inner"; f = () => x; } return f() + x; }
assert.sameValue(g(), "innerouter");
