// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a default can use this
---*/
var o = { m: function (a = this.v) { return a; }, v: 7 };
assert.sameValue(o.m(), 7);
