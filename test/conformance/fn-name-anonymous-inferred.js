// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: anonymous functions get the name of their binding
---*/
var f = function () {};
assert.sameValue(f.name, "f");
function mk() { var g = function () {}; let h = () => 0; return [g, h]; }
var r = mk();
assert.sameValue(r[0].name, "g");
assert.sameValue(r[1].name, "h");
