// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: typeof of a let in its dead zone throws
---*/
function g() { var r = typeof x; let x = 1; return r; }
assert.throws(ReferenceError, g);
