// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a conditional runs one branch
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g(c) { return c ? t("a") : t("b"); }
g(true); g(false);
assert.compareArray(log, ["a", "b"]);
