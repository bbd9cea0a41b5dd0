// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow in an object method uses super
---*/
var proto = { x: "p" };
var o = { __proto__: proto, m() { return (() => super.x)(); } };
assert.sameValue(o.m(), "p");
