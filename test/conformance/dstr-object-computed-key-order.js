// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: computed pattern keys evaluate before the property read
includes: [compareArray.js]
---*/
var log = [];
var src = { get x() { log.push("get"); return 1; } };
function k() { log.push("key"); return "x"; }
function g() { var { [k()]: v } = src; return v; }
assert.sameValue(g(), 1);
assert.compareArray(log, ["key", "get"]);
