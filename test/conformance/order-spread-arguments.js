// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: spread arguments are iterated in order
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function f() { return Array.prototype.slice.call(arguments); }
function g() { return f(t(1), ...[t(2), t(3)], t(4)); }
assert.compareArray(g(), [1, 2, 3, 4]);
assert.compareArray(log, [1, 2, 3, 4]);
