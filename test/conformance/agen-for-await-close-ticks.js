// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  for await in an async generator: each next() is awaited, break closes the iterator
  and awaits its return(), a throw in the body closes it too (its errors dropped),
  on the ticks native code uses
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 12; i++) (function (i) { p = p.then(function () { log.push(i); }); })(i);
function source(tag, failReturn) {
  var n = 0;
  return {
    [Symbol.asyncIterator]: function () { return this; },
    next: function () { log.push(tag + " next " + n); return Promise.resolve({ value: n++, done: false }); },
    return: function () { log.push(tag + " return"); if (failReturn) throw new Error("ignored"); return { then: function (r) { log.push(tag + " then"); r({ done: true }); } }; }
  };
}
async function* breaks() {
  for await (var x of source("b")) { if (x === 1) break; }
  log.push("b after");
}
async function* throws() {
  try {
    for await (var x of source("t", true)) { if (x === 1) throw new Error("boom"); }
  } catch (e) {
    log.push("t caught " + e.message);
  }
}
breaks().next();
throws().next();
p.then(function () {
  assert.compareArray(log, ["b next 0", "t next 0", 1, "b next 1", "t next 1", 2, "b return", "t return", "t caught boom", 3, "b then", 4, "b after", 5, 6, 7, 8, 9, 10, 11, 12]);
}).then($DONE, $DONE);
