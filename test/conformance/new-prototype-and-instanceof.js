// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new links the prototype
---*/
function F(x) { this.x = x; }
F.prototype.get = function () { return this.x; };
function g() { var o = new F(3); return [o instanceof F, o.get()]; }
var r = g();
assert.sameValue(r[0], true);
assert.sameValue(r[1], 3);
