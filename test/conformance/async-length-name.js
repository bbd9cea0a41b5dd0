// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: async functions keep length and name
---*/
async function foo(a, b) {}
assert.sameValue(foo.length, 2);
assert.sameValue(foo.name, "foo");
var bar = async (x) => x;
assert.sameValue(bar.name, "bar");
