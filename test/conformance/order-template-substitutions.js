// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: template substitutions are evaluated in order
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { return `${t(1)}-${t(2)}-${t(3)}`; }
assert.sameValue(g(), "1-2-3");
assert.compareArray(log, [1, 2, 3]);
