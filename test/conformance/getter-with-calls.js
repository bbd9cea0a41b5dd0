// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a getter whose body calls
---*/
function id(x) { return x; }
var o = { get v() { return id(2) + id(3); } };
function g() { return o.v; }
assert.sameValue(g(), 5);
