// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a class binding is in its dead zone before its declaration
---*/
function g() { var r = (() => { try { return typeof C; } catch (e) { return e.constructor; } })(); class C {} return r; }
assert.sameValue(g(), ReferenceError);
