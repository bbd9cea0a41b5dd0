// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of sees elements pushed during the loop
---*/
function g() { var a = [1]; var n = 0; for (var x of a) { if (a.length < 4) a.push(x + 1); n++; } return n; }
assert.sameValue(g(), 4);
