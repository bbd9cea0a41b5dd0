// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: call spread iterates
includes: [compareArray.js]
---*/
function* gen() { yield 1; yield 2; }
function f() { return Array.prototype.slice.call(arguments); }
function g() { return f(0, ...gen(), 3); }
assert.compareArray(g(), [0, 1, 2, 3]);
