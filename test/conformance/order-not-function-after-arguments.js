// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: calling a non-function throws after the arguments ran
---*/
var ran = false;
var o = {};
function g() { o.nope((ran = true)); }
assert.throws(TypeError, g);
assert.sameValue(ran, true);
