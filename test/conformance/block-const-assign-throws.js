// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: assigning a const throws TypeError
---*/
function g() { const c = 1; c = 2; }
assert.throws(TypeError, g);
