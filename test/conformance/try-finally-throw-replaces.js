// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a throw in finally replaces the pending exception
---*/
function g() { try { throw new RangeError("a"); } finally { throw new TypeError("b"); } }
assert.throws(TypeError, g);
