// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: case expressions are evaluated in order until one matches
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g(v) { switch (v) { case t(1): return "a"; case t(2): return "b"; case t(3): return "c"; } }
assert.sameValue(g(2), "b");
assert.compareArray(log, [1, 2]);
