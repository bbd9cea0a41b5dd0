// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: binary operands are evaluated left to right
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { return t(2) ** t(3) - t(1) * t(4); }
assert.sameValue(g(), 4);
assert.compareArray(log, [2, 3, 1, 4]);
