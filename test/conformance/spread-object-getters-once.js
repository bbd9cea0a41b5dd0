// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: object spread reads each getter once
---*/
var n = 0;
var src = { get a() { n++; return 1; } };
function g() { var o = { ...src }; return o.a + o.a; }
assert.sameValue(g(), 2);
assert.sameValue(n, 1);
