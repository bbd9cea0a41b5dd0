// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a throw rejects the promise
flags: [async]
---*/
async function f() { throw new RangeError("x"); }
f().then(function () { throw new Test262Error("resolved"); }, function (e) { assert.sameValue(e.constructor, RangeError); }).then($DONE, $DONE);
