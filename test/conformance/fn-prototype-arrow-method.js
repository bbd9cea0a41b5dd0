// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arrows and methods have no prototype
---*/
var a = () => 0;
assert.sameValue(a.prototype, undefined);
assert.sameValue(Object.prototype.hasOwnProperty.call(a, "prototype"), false);
var o = { m() {} };
assert.sameValue(o.m.prototype, undefined);
