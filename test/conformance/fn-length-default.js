// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: length stops at the first default
---*/
function f(a, b = 1, c) {}
assert.sameValue(f.length, 1);
function h() { return function (x = 1, y) {}; }
assert.sameValue(h().length, 0);
