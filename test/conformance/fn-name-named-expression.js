// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a named function expression keeps its own name
---*/
var f = function g() {};
assert.sameValue(f.name, "g");
function mk() { var x = function y() { return typeof y; }; return x; }
assert.sameValue(mk().name, "y");
assert.sameValue(mk()(), "function");
