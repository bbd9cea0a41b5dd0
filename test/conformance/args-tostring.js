// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: arguments is an Arguments object
---*/
function f() { return Object.prototype.toString.call(arguments); }
assert.sameValue(f(), "[object Arguments]");
