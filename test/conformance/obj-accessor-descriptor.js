// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: literal accessors are enumerable and configurable
---*/
function g() { return Object.getOwnPropertyDescriptor({ get a() { return 1; } }, "a"); }
var d = g();
assert.sameValue(d.enumerable, true);
assert.sameValue(d.configurable, true);
assert.sameValue(typeof d.get, "function");
assert.sameValue(d.set, undefined);
