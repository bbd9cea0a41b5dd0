// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o.p += f() reads o.p before calling f
---*/
var o = { p: 1 };
function f() { o.p = 100; return 2; }
function g() { o.p += f(); return o.p; }
assert.sameValue(g(), 3);
