// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: rethrowing after a call in the catch block
---*/
function id(x) { return x; }
function g() { try { throw new RangeError("r"); } catch (e) { id(0); throw e; } }
assert.throws(RangeError, g);
