// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: nested loops with calls keep their counters
---*/
function id(x) { return x; }
function g() { var s = 0; for (var i = 0; i < 10; i = id(i + 1)) for (var j = 0; j < i; j++) s += id(j); return s; }
assert.sameValue(g(), 120);
