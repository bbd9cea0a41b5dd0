// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the discriminant is evaluated once
---*/
var n = 0;
function d() { n++; return 2; }
function g() { switch (d()) { case 1: return "a"; case 2: return "b"; } }
assert.sameValue(g(), "b");
assert.sameValue(n, 1);
