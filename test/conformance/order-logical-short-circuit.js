// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: logical and, or and nullish operators short-circuit
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { return [t(0) && t(1), t(2) || t(3), t(null) ?? t(4), t(5) ?? t(6)]; }
assert.compareArray(g(), [0, 2, 4, 5]);
assert.compareArray(log, [0, 2, null, 4, 5]);
