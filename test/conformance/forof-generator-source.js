// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of over a generator object
includes: [compareArray.js]
---*/
function* gen() { yield 1; yield 2; }
function g() { var r = []; for (var x of gen()) r.push(x); return r; }
assert.compareArray(g(), [1, 2]);
