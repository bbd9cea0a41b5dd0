// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  return() at a yield inside try/finally: the finally awaits and yields, the return
  value (a thenable) is awaited first, and every step lands on the tick it does natively
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 8; i++) (function (i) { p = p.then(function () { log.push("tick " + i); }); })(i);
async function* g() {
  try {
    yield 1;
  } finally {
    log.push("finally");
    await null;
    log.push("after await");
    yield 2;
    log.push("end");
  }
}
var it = g();
it.next().then(function (r) { log.push("next " + r.value); });
it.return({ then: function (r) { log.push("then"); r("R"); } }).then(function (r) { log.push("return " + r.value + " " + r.done); });
it.next().then(function (r) { log.push("last " + r.value + " " + r.done); });
p.then(function () {
  assert.compareArray(log, ["tick 1", "tick 2", "next 1", "then", "tick 3", "finally", "tick 4", "after await", "tick 5", "end", "tick 6", "return 2 false", "last R true", "tick 7", "tick 8"]);
}).then($DONE, $DONE);
