// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new of a non-constructor throws TypeError
---*/
var o = { m() {} };
function g() { return new o.m(); }
assert.throws(TypeError, g);
var arrow = () => 1;
assert.throws(TypeError, function () { return new arrow(); });
