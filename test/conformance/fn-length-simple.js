// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: function length counts formal parameters
---*/
function f(a, b, c) {}
assert.sameValue(f.length, 3);
var g = function (a) {};
assert.sameValue(g.length, 1);
assert.sameValue(((a, b) => 0).length, 2);
