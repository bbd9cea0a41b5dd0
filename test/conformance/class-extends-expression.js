// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: extends evaluates an expression
---*/
function base() { return class { v() { return 5; } }; }
function g() { class C extends base() {} return new C().v(); }
assert.sameValue(g(), 5);
