// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: nested finally blocks run inside out
includes: [compareArray.js]
---*/
var log = [];
function g() { try { try { return "v"; } finally { log.push("inner"); } } finally { log.push("outer"); } }
assert.sameValue(g(), "v");
assert.compareArray(log, ["inner", "outer"]);
