// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a declaration's name
---*/
function foo() {}
assert.sameValue(foo.name, "foo");
function outer() { function inner() {} return inner; }
assert.sameValue(outer().name, "inner");
