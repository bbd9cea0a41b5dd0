// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow sees the enclosing function's arguments
---*/
function f() { var a = () => arguments[1]; return a(); }
assert.sameValue(f(1, 2), 2);
