// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  Object literal async generator methods (computed keys, Symbol.asyncIterator,
  `super` to the literal's prototype): return() at a yield runs a finally that awaits and
  yields, on the native ticks; a static private one of a class too
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 10; i++) (function (i) { p = p.then(function () { log.push("tick " + i); }); })(i);
var proto = { tag: function () { return "proto tag"; } };
var key = "g" + "en";
var o = {
  __proto__: proto,
  async *[key]() {
    try {
      yield super.tag();
    } finally {
      log.push("finally");
      await null;
      yield "from finally";
    }
  },
  async *[Symbol.asyncIterator]() {
    yield "iterated";
  },
};
class C {
  static async *#s(v) { yield "static private " + v + " " + (this === C); }
  static run(v) { return C.#s(v); }
}
var it = o.gen();
it.next().then(function (r) { log.push("next " + r.value); });
it.return("R").then(function (r) { log.push("return " + r.value + " " + r.done); });
it.next().then(function (r) { log.push("last " + r.value + " " + r.done); });
var seen = [];
(async function () {
  for await (var v of o) seen.push(v);
  for await (var w of C.run(1)) seen.push(w);
})().then(function () {
  return p;
}).then(function () {
  assert.sameValue(o.gen.name, "gen");
  assert.sameValue(o[Symbol.asyncIterator].name, "[Symbol.asyncIterator]");
  assert.compareArray(Object.keys(o), ["gen"]);
  assert.compareArray(seen, ["iterated", "static private 1 true"]);
  assert.compareArray(log, ["tick 1", "tick 2", "next proto tag", "finally", "tick 3", "tick 4", "tick 5", "return from finally false", "last R true", "tick 6", "tick 7", "tick 8", "tick 9", "tick 10"]);
}).then($DONE, $DONE);
