// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a closure called before the let is initialized throws
---*/
function g() { var f = () => x; try { f(); } catch (e) { return e.constructor; } let x = 1; }
assert.sameValue(g(), ReferenceError);
