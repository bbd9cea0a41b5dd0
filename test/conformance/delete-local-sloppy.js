// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: delete of a local variable (a slot, or a member of an environment record) is false and leaves it
flags: [noStrict]
---*/
function f(p) {
  var plain = 1, captured = 2;
  var read = function () { return captured + p; };
  var r = [delete plain, delete captured, delete p, delete arguments];
  return [r, plain, read(), typeof arguments];
}
var out = f(3);
assert.sameValue(out[0].join(), "false,false,false,false");
assert.sameValue(out[1], 1);
assert.sameValue(out[2], 5);
assert.sameValue(out[3], "object");
globalThis.gone = 1;
(function () { assert.sameValue(delete gone, true); })();
assert.sameValue(typeof globalThis.gone, "undefined");
