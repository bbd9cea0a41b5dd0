// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new.target is undefined in a call
---*/
function f() { return new.target; }
function g() { return f(); }
assert.sameValue(g(), undefined);
