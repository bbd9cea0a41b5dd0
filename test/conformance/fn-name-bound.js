// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a bound function is named "bound name"
---*/
function f() {}
function g() { return f.bind(null); }
assert.sameValue(g().name, "bound f");
