// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: do-while tests after the body
---*/
function more(i) { return i < 3; }
function g() { var i = 0; do { i++; } while (more(i)); return i; }
assert.sameValue(g(), 3);
