// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: compiled functions and methods are functions
---*/
function f() {}
var o = { m() {} };
class C {}
assert.sameValue(typeof f, "function");
assert.sameValue(typeof o.m, "function");
assert.sameValue(typeof C, "function");
assert.sameValue(Object.prototype.toString.call(f), "[object Function]");
