// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: or-assignment names an anonymous function
---*/
function g() { var f; f ||= function () {}; return f.name; }
assert.sameValue(g(), "f");
