// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: awaiting values, promises and thenables
flags: [async]
---*/
async function f() {
  var a = await 1;
  var b = await Promise.resolve(2);
  var c = await { then: function (r) { r(3); } };
  return a + b + c;
}
f().then(function (v) { assert.sameValue(v, 6); }).then($DONE, $DONE);
