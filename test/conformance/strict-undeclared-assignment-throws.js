// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: assigning an undeclared name in strict code throws
flags: [onlyStrict]
---*/
function f() { undeclaredStrictName2 = 5; }
assert.throws(ReferenceError, f);
