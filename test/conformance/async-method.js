// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: async methods in objects and classes
flags: [async]
---*/
var o = { async m() { await null; return 1; } };
class C { async m() { return 2; } static async s() { return 3; } }
Promise.all([o.m(), new C().m(), C.s()]).then(function (r) { assert.sameValue(r.join(), "1,2,3"); }).then($DONE, $DONE);
