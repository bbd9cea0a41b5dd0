// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: indirect eval runs in the global scope
---*/
var x = "global";
function g() { var x = "local"; return (0, eval)("x"); }
assert.sameValue(g(), "global");
