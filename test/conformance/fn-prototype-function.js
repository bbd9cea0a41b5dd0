// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: ordinary functions have a prototype whose constructor is the function
---*/
function f() {}
assert.sameValue(typeof f.prototype, "object");
assert.sameValue(f.prototype.constructor, f);
function mk() { return function () {}; }
var g = mk();
assert.sameValue(g.prototype.constructor, g);
