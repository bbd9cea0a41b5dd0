// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: methods, getters and setters are named
---*/
var o = { m() {}, get g() { return 1; }, set s(v) {}, ["c" + "k"]() {} };
assert.sameValue(o.m.name, "m");
assert.sameValue(Object.getOwnPropertyDescriptor(o, "g").get.name, "get g");
assert.sameValue(Object.getOwnPropertyDescriptor(o, "s").set.name, "set s");
assert.sameValue(o.ck.name, "ck");
