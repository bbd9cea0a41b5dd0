// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function declaration is callable before it appears
---*/
function g() { return h(); function h() { return 3; } }
assert.sameValue(g(), 3);
