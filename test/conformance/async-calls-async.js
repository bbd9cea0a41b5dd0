// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an async function awaiting another
flags: [async]
---*/
async function inner(x) { await null; return x * 2; }
async function outer() { return (await inner(2)) + (await inner(3)); }
outer().then(function (v) { assert.sameValue(v, 10); }).then($DONE, $DONE);
