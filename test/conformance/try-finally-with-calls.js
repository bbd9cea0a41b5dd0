// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: calls inside finally and the value after it
includes: [compareArray.js]
---*/
var log = [];
function t(x) { log.push(x); return x; }
function g() { try { return t("try"); } finally { t("finally"); t("again"); } }
assert.sameValue(g(), "try");
assert.compareArray(log, ["try", "finally", "again"]);
