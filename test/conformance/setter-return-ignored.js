// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the value of an assignment through a setter is the right side
---*/
var o = { set v(x) { return 99; } };
function g() { return (o.v = 5); }
assert.sameValue(g(), 5);
