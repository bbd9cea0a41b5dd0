// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments is iterable
includes: [compareArray.js]
---*/
function f() { return [...arguments]; }
assert.compareArray(f(1, 2, 3), [1, 2, 3]);
