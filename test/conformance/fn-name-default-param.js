// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a default value names an anonymous function
---*/
function f(g = function () {}) { return g.name; }
assert.sameValue(f(), "g");
