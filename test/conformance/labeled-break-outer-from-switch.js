// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: break an outer loop from inside a switch
---*/
function g() { var n = 0; loop: for (var i = 0; i < 5; i++) { switch (i) { case 2: break loop; default: n++; } } return n; }
assert.sameValue(g(), 2);
