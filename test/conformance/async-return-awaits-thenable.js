// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: returning a promise resolves with its value
flags: [async]
---*/
async function f() { return Promise.resolve(7); }
f().then(function (v) { assert.sameValue(v, 7); }).then($DONE, $DONE);
