// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: (o.m)() keeps this, (0, o.m)() drops it
flags: [onlyStrict]
---*/
var o = { m: function () { return this; } };
function g() { return [(o.m)(), (0, o.m)()]; }
var r = g();
assert.sameValue(r[0], o);
assert.sameValue(r[1], undefined);
