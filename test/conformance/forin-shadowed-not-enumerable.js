// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a shadowing non-enumerable own property hides the inherited key
---*/
function g() { var p = { a: 1 }; var o = Object.create(p); Object.defineProperty(o, "a", { value: 2, enumerable: false }); var n = 0; for (var k in o) n++; return n; }
assert.sameValue(g(), 0);
