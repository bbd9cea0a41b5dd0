// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: optional chains whose parts are calls
---*/
function mk(x) { return x; }
function g() { return [mk(null)?.a, mk({ a: 1 })?.a, mk({ f() { return 2; } })?.f?.()]; }
var r = g();
assert.sameValue(r[0], undefined);
assert.sameValue(r[1], 1);
assert.sameValue(r[2], 2);
