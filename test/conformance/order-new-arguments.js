// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new evaluates the callee, then arguments
includes: [compareArray.js]
---*/
var log = [];
function C(a, b) { this.s = a + b; }
function g() { return new (log.push("c"), C)((log.push(1), 1), (log.push(2), 2)); }
assert.sameValue(g().s, 3);
assert.compareArray(log, ["c", 1, 2]);
