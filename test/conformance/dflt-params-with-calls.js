// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: defaults that call functions, in order
includes: [compareArray.js]
---*/
var log = [];
function d(x) { log.push(x); return x; }
function g(a = d(1), b = d(2)) { return a + b; }
assert.sameValue(g(), 3);
assert.sameValue(g(10), 12);
assert.compareArray(log, [1, 2, 2]);
