// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: or-assignment to o[k()] evaluates k once
---*/
var n = 0;
var o = { a: 0 };
function k() { n++; return "a"; }
function g() { o[k()] ||= 9; return o.a; }
assert.sameValue(g(), 9);
assert.sameValue(n, 1);
