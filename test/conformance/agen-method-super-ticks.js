// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  An async generator method of a class reads and calls through `super`, sees its `this`
  and `arguments`, and orders its awaits, yields and yield* over the super method's
  generator on the ticks it does natively
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
var p = Promise.resolve();
for (var i = 1; i <= 12; i++) (function (i) { p = p.then(function () { log.push("tick " + i); }); })(i);
class A {
  get label() { return "A:" + this.id; }
  async *items(n) {
    log.push("A.items " + n);
    yield n;
    return "a-done";
  }
}
class B extends A {
  constructor() { super(); this.id = "b"; }
  async *items(n) {
    log.push("B.items " + super.label + " " + arguments.length);
    var r = yield* super.items(n + 1);
    log.push("delegate returned " + r);
    var x = await Promise.resolve(n * 10);
    yield x;
  }
}
var it = new B().items(1, "extra");
it.next().then(function (r) { log.push("first " + r.value); });
it.next().then(function (r) { log.push("second " + r.value); });
it.next().then(function (r) { log.push("third " + r.done); });
p.then(function () {
  assert.sameValue(B.prototype.items.name, "items");
  assert.sameValue(B.prototype.items.length, 1);
  assert.sameValue(Object.getPrototypeOf(B.prototype.items), Object.getPrototypeOf(async function* () {}));
  assert.throws(TypeError, function () { new B.prototype.items(); });
  assert.compareArray(Reflect.ownKeys(A.prototype), ["constructor", "label", "items"]);
  assert.compareArray(log, ["B.items A:b 2", "A.items 2", "tick 1", "tick 2", "tick 3", "first 2", "tick 4", "delegate returned a-done", "tick 5", "tick 6", "tick 7", "second 10", "third true", "tick 8", "tick 9", "tick 10", "tick 11", "tick 12"]);
}).then($DONE, $DONE);
