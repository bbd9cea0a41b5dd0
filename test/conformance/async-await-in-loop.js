// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: await in a loop keeps the loop state
flags: [async]
---*/
async function f() { var s = 0; for (var i = 0; i < 5; i++) s += await i; return s; }
f().then(function (v) { assert.sameValue(v, 10); }).then($DONE, $DONE);
