// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: call, apply and bind set this
---*/
var o = {};
function f(a, b) { return [this, a, b]; }
function g() {
  var r1 = f.call(o, 1, 2), r2 = f.apply(o, [3, 4]), r3 = f.bind(o, 5)(6);
  return r1[0] === o && r1[2] === 2 && r2[0] === o && r2[1] === 3 && r3[0] === o && r3[1] === 5 && r3[2] === 6;
}
assert.sameValue(g(), true);
