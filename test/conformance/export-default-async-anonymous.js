// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  An anonymous `export default async function` is named "default", is not a constructor,
  has no prototype property and keeps its length
flags: [module, async]
---*/
import g from "./export-default-async-anonymous.js";

assert.throws(TypeError, function () {
  new g();
}, "new g()");
assert.sameValue(Object.prototype.hasOwnProperty.call(g, "prototype"), false, "own prototype property");
assert.sameValue(Object.getPrototypeOf(g), Object.getPrototypeOf(async function () {}), "[[Prototype]]");
assert.sameValue(g.name, "default");
assert.sameValue(g.length, 2);
g(3, 4).then(function (v) {
  assert.sameValue(v, 7);
}).then($DONE, $DONE);

export default async function (a, b) {
  await null;
  return a + b;
}
