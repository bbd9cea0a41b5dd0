// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a named function expression can recurse through its name
---*/
var fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
function g() { var h = function k(n) { return n ? k(n - 1) + 1 : 0; }; return h(5); }
assert.sameValue(fact(5), 120);
assert.sameValue(g(), 5);
