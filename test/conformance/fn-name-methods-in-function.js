// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: methods made inside a function are named
---*/
function mk() { return { m() {}, get g() { return 1; }, [Symbol.iterator]() {} }; }
var o = mk();
assert.sameValue(o.m.name, "m");
assert.sameValue(Object.getOwnPropertyDescriptor(o, "g").get.name, "get g");
assert.sameValue(o[Symbol.iterator].name, "[Symbol.iterator]");
