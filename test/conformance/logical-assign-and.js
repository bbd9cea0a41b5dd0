// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: &&= assigns only when truthy
---*/
function g() { var a = 0, b = 1; a &&= 5; b &&= 6; return a * 10 + b; }
assert.sameValue(g(), 6);
