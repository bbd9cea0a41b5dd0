// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: typeof of an undeclared name is "undefined"
---*/
function g() { return typeof someUndeclaredName_x; }
assert.sameValue(g(), "undefined");
