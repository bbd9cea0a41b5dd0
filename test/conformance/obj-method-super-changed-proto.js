// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: super follows the home object's current prototype
---*/
var a = { v() { return "a"; } };
var b = { v() { return "b"; } };
var o = { v() { return super.v(); } };
Object.setPrototypeOf(o, a);
var r1 = o.v();
Object.setPrototypeOf(o, b);
assert.sameValue(r1 + o.v(), "ab");
