// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the body runs synchronously up to the first await
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
async function f() { log.push("start"); await null; log.push("after"); }
f().then(function () { assert.compareArray(log, ["start", "sync", "after"]); }).then($DONE, $DONE);
log.push("sync");
