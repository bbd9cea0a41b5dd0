// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a for-of iterator whose next() returns a primitive throws TypeError
---*/
function iterable(result) {
  var o = {};
  o[Symbol.iterator] = function () { return { next: function () { return result; } }; };
  return o;
}
[true, 1, "s", undefined, null, Symbol("x")].forEach(function (result) {
  assert.throws(TypeError, function () { for (var x of iterable(result)) {} });
});
var n = 0;
function count() { for (var x of iterable({ done: true })) n++; return n; }
assert.sameValue(count(), 0);
