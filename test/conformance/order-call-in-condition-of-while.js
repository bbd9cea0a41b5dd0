// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a call in a while condition runs once per test
---*/
var n = 0;
function more() { return ++n < 4; }
function g() { var c = 0; while (more()) c++; return c; }
assert.sameValue(g(), 3);
assert.sameValue(n, 4);
