// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a property initialiser names an anonymous function
---*/
var o = { a: function () {}, b: () => 0 };
assert.sameValue(o.a.name, "a");
assert.sameValue(o.b.name, "b");
function mk() { return { c: function () {} }; }
assert.sameValue(mk().c.name, "c");
