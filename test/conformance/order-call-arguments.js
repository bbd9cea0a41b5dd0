// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments are evaluated left to right
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function f(a, b, c) { return a + b + c; }
function g() { return f(t(1), t(2), t(3)); }
assert.sameValue(g(), 6);
assert.compareArray(log, [1, 2, 3]);
