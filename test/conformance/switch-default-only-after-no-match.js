// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: default runs after all cases were tested
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g(v) { switch (v) { default: log.push("d"); break; case t(1): log.push("one"); } }
g(9);
assert.compareArray(log, [1, "d"]);
