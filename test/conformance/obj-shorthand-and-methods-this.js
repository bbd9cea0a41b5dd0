// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: shorthand properties and methods in a function
---*/
function g() { var x = 1; var o = { x, m() { return this.x + 1; } }; return o.m(); }
assert.sameValue(g(), 2);
