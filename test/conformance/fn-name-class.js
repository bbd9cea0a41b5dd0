// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: classes and their methods are named
---*/
class A { m() {} static s() {} }
assert.sameValue(A.name, "A");
assert.sameValue(A.prototype.m.name, "m");
assert.sameValue(A.s.name, "s");
function mk() { return class { n() {} }; }
assert.sameValue(mk().prototype.n.name, "n");
