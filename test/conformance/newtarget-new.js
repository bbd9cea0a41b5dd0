// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new.target is the constructor under new
---*/
var seen;
function F() { seen = new.target; }
function g() { new F(); }
g();
assert.sameValue(seen, F);
