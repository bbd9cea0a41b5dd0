// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: closures share their captured variable
---*/
function mk() { var n = 0; return { inc: function () { return ++n; }, get: function () { return n; } }; }
var c = mk();
c.inc(); c.inc();
assert.sameValue(c.get(), 2);
