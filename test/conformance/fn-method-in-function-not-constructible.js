// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a method made inside a function is not a constructor
---*/
function mk() { return { m() {} }; }
var o = mk();
assert.sameValue(o.m.prototype, undefined);
assert.throws(TypeError, function () { new o.m(); });
