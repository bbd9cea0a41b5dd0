// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  `export default async function f` is not a constructor and has no prototype property
  (its [[Prototype]] is AsyncFunction.prototype), keeps its name and length, is hoisted
  (an importer in a module cycle sees it before this module's body runs, with its name
  and length), and a call returns a promise of its result
flags: [module, async]
---*/
import { early } from "./export-default-async-fn_FIXTURE.js";
import self from "./export-default-async-fn.js";

assert.sameValue(early, "function f 1", "seen from the cycle before the module body ran");
assert.sameValue(self, f, "the default export is the local binding");
assert.throws(TypeError, function () {
  new f(1);
}, "new f()");
assert.sameValue(Object.prototype.hasOwnProperty.call(f, "prototype"), false, "own prototype property");
assert.sameValue(Object.getPrototypeOf(f), Object.getPrototypeOf(async function () {}), "[[Prototype]]");
assert.sameValue(f.name, "f");
assert.sameValue(f.length, 1);
var p = f(2);
assert(p instanceof Promise, "a call returns a promise");
p.then(function (v) {
  assert.sameValue(v, 2 + 1 + 0);
}).then($DONE, $DONE);

export default async function f(a, b = 1, ...c) {
  await null;
  return a + b + c.length;
}
