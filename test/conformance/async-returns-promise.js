// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an async function returns a promise
flags: [async]
---*/
async function f() { return 1; }
var p = f();
assert.sameValue(p instanceof Promise, true);
p.then(function (v) { assert.sameValue(v, 1); }).then($DONE, $DONE);
