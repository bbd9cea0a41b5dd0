// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: in and instanceof evaluate both sides with calls
---*/
function k() { return "a"; }
function o() { return { a: 1 }; }
function C() {}
function mk() { return new C(); }
function g() { return [k() in o(), mk() instanceof C]; }
var r = g();
assert.sameValue(r[0], true);
assert.sameValue(r[1], true);
