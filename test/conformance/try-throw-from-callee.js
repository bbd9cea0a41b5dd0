// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an exception thrown by a callee is caught with the right value
---*/
function thrower() { throw new Test262Error("deep"); }
function mid() { thrower(); }
function g() { try { mid(); } catch (e) { return e.message; } }
assert.sameValue(g(), "deep");
