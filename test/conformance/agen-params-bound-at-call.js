// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  An async generator's default, pattern and rest parameters (a function's and a
  method's) bind at the call, before the first next(): their side effects and errors
  happen there, the body sees the bound values and the call's arguments, and the awaits
  after land on the ticks they do natively
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 6; i++) (function (i) { p = p.then(function () { log.push("tick " + i); }); })(i);
function dflt(tag) { log.push("default " + tag); return tag; }
async function* g(a = dflt("a"), { b } = { b: dflt("b") }, ...[c, d = dflt("d")]) {
  log.push("body " + [a, b, c, d, arguments.length].join(","));
  yield await a;
  yield b;
}
var o = {
  async *m([x, y] = [1, 2], z = this.k) {
    log.push("m body " + [x, y, z].join(","));
    yield x + y + z;
  },
  k: 10,
};
var it = g(undefined, undefined, "C");
log.push("called");
assert.throws(TypeError, function () { g(1, null); });
assert.throws(TypeError, function () { o.m(5); });
it.next().then(function (r) { log.push("first " + r.value); });
it.next().then(function (r) { log.push("second " + r.value); });
o.m().next().then(function (r) { log.push("m " + r.value); });
assert.sameValue(g.length, 0);
assert.sameValue(o.m.length, 0);
p.then(function () {
  assert.compareArray(log, ["default a", "default b", "default d", "called", "body a,b,C,d,3", "m body 1,2,10", "tick 1", "tick 2", "m 13", "tick 3", "first a", "tick 4", "second b", "tick 5", "tick 6"]);
}).then($DONE, $DONE);
