// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: defaults run only for undefined, in order
includes: [compareArray.js]
---*/
var log = [];
function d(x) { log.push(x); return x; }
function g() { var [a = d("a"), b = d("b"), c = d("c")] = [1, undefined, null]; return [a, b, c]; }
assert.compareArray(g(), [1, "b", null]);
assert.compareArray(log, ["b"]);
