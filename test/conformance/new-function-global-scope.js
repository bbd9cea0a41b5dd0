// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new Function bodies see globals, not locals
---*/
var y = "global";
function g() { var y = "local"; return new Function("return y")(); }
assert.sameValue(g(), "global");
