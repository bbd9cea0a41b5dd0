// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o[k()]++ evaluates k once
---*/
var n = 0;
var o = { a: 1 };
function k() { n++; return "a"; }
function g() { var old = o[k()]++; return old; }
assert.sameValue(g(), 1);
assert.sameValue(o.a, 2);
assert.sameValue(n, 1);
