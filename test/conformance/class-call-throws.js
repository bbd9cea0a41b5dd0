// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: calling a class throws TypeError
---*/
class C {}
assert.throws(TypeError, function () { C(); });
