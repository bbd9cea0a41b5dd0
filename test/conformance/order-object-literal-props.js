// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: object literal values are evaluated in order
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { return { a: t(1), [t("k")]: t(2), b: t(3) }; }
var o = g();
assert.compareArray(log, [1, "k", 2, 3]);
assert.sameValue(o.k, 2);
