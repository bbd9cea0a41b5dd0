// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments in an async function
flags: [async]
---*/
async function f() { await null; return arguments.length; }
f(1, 2).then(function (v) { assert.sameValue(v, 2); }).then($DONE, $DONE);
