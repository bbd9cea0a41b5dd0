// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-loop update expressions with calls
includes: [compareArray.js]
---*/
var log = [];
function step(i) { log.push(i); return i + 1; }
function g() { for (var i = 0; i < 3; i = step(i)) {} return i; }
assert.sameValue(g(), 3);
assert.compareArray(log, [0, 1, 2]);
