// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: symbol keys stay symbols
---*/
var s = Symbol("s");
function g() { return { [s]() { return 1; }, get [Symbol.toStringTag]() { return "T"; } }; }
var o = g();
assert.sameValue(o[s](), 1);
assert.sameValue(Object.prototype.toString.call(o), "[object T]");
