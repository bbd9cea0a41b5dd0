// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an arrow sees the enclosing new.target
---*/
function F() { var a = () => new.target; this.v = a(); }
assert.sameValue(new F().v, F);
