// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: array literal elements are evaluated in order
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { return [t(1), , t(2), ...[t(3)]]; }
var r = g();
assert.sameValue(r.length, 4);
assert.sameValue(1 in r, false);
assert.compareArray(log, [1, 2, 3]);
