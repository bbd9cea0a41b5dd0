// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a default closure sees parameters, not body vars
---*/
function g(a = 1, f = () => a) { var a = 2; return [f(), a]; }
var r = g();
assert.sameValue(r[0], 1);
assert.sameValue(r[1], 2);
