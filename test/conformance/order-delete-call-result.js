// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: delete f().x deletes on the returned object
---*/
var o = { x: 1 };
function f() { return o; }
function g() { return delete f().x; }
assert.sameValue(g(), true);
assert.sameValue("x" in o, false);
