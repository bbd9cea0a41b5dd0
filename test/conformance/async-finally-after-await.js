// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: finally runs after an await in try
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
async function f() { try { await null; log.push("try"); return "v"; } finally { log.push("finally"); } }
f().then(function (v) { assert.sameValue(v, "v"); assert.compareArray(log, ["try", "finally"]); }).then($DONE, $DONE);
