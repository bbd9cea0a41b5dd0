// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a closure in catch captures the catch parameter
---*/
function g() { var f; try { throw 7; } catch (e) { f = function () { return e; }; } return f(); }
assert.sameValue(g(), 7);
