// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of follows a replaced Array.prototype[Symbol.iterator]
includes: [compareArray.js]
---*/
var orig = Array.prototype[Symbol.iterator];
function g() { var r = []; for (var v of [1, 2, 3]) r.push(v); return r; }
Array.prototype[Symbol.iterator] = function () { var done = false; return { next: function () { if (done) return { done: true }; done = true; return { value: "only", done: false }; } }; };
try {
  assert.compareArray(g(), ["only"]);
} finally {
  Array.prototype[Symbol.iterator] = orig;
}
