// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a rest parameter is not counted
---*/
function f(a, ...r) {}
assert.sameValue(f.length, 1);
function h() { return (...r) => r; }
assert.sameValue(h().length, 0);
