// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a nullish base skips the whole chain
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g(o) { return o?.a.b.c(t(1)).d; }
assert.sameValue(g(null), undefined);
assert.sameValue(g(undefined), undefined);
assert.compareArray(log, []);
