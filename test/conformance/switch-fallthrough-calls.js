// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: fallthrough with calls
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g(v) { switch (v) { case 1: t("one"); case 2: t("two"); break; default: t("def"); } }
g(1); g(2); g(3);
assert.compareArray(log, ["one", "two", "two", "def"]);
