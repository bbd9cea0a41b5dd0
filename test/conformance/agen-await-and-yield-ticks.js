// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  awaits of values, promises and thenables, yields of promises, yield* over a sync
  iterable and an explicit return of a promise interleave with .then chains natively
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 12; i++) (function (i) { p = p.then(function () { log.push(i); }); })(i);
async function* g() {
  log.push("start");
  await 0;
  log.push("a");
  await Promise.resolve();
  log.push("b");
  await { then: function (r) { log.push("then"); r(); } };
  log.push("c");
  yield Promise.resolve("y1");
  yield* ["s1"];
  return Promise.resolve("done");
}
var it = g();
it.next().then(function (r) { log.push("r " + r.value); });
it.next().then(function (r) { log.push("r " + r.value); });
it.next().then(function (r) { log.push("r " + r.value + " " + r.done); });
p.then(function () {
  assert.compareArray(log, ["start", 1, "a", 2, "b", 3, "then", 4, "c", 5, 6, "r y1", 7, 8, "r s1", 9, 10, 11, "r done true", 12]);
}).then($DONE, $DONE);
