// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of over an array uses its own Symbol.iterator
includes: [compareArray.js]
---*/
function g() {
  var a = [1, 2];
  a[Symbol.iterator] = function () { var i = 0; return { next: function () { return i < 3 ? { value: "x" + i++, done: false } : { done: true }; } }; };
  var r = []; for (var v of a) r.push(v); return r;
}
assert.compareArray(g(), ["x0", "x1", "x2"]);
