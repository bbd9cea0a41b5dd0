// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a getter callee runs once per call
---*/
var n = 0;
var o = { get m() { n++; return function () { return this; }; } };
function g() { return o.m(); }
assert.sameValue(g(), o);
assert.sameValue(n, 1);
