// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  anonymous functions get no name from `__proto__: f` in an object literal (it sets the
  prototype), do from logical assignment, and from computed keys (strings and symbols),
  at top level and inside functions
---*/
var o = { __proto__: function () {} };
assert.sameValue(Object.getPrototypeOf(o).name, "", "__proto__ at top level");
var q = { "__proto__": function () {} };
assert.sameValue(Object.getPrototypeOf(q).name, "", "quoted __proto__");
var r = { ["__proto__"]: function () {} };
assert.sameValue(r.__proto__.name, "__proto__", "a computed __proto__ key is a property and names it");
function inner() {
  var p = { __proto__: () => {} };
  var a;
  a ||= function () {};
  var b = 1;
  b &&= () => {};
  var c = null;
  c ??= function () {};
  return [Object.getPrototypeOf(p).name, a.name, b.name, c.name];
}
var names = inner();
assert.sameValue(names[0], "", "__proto__ in a function");
assert.sameValue(names[1], "a", "||=");
assert.sameValue(names[2], "b", "&&=");
assert.sameValue(names[3], "c", "??=");
var sym = Symbol("desc");
var anon = Symbol();
var k = "dyn";
var top = { [k]: function () {}, [sym]: () => {}, [anon]: function () {} };
assert.sameValue(top.dyn.name, "dyn", "computed key, top level");
assert.sameValue(top[sym].name, "[desc]", "symbol key, top level");
assert.sameValue(top[anon].name, "", "symbol without description");
function computedInFunction() {
  var o = { [k + "2"]: function () {}, [sym]: () => {}, [k + "c"]: class {} };
  return [o.dyn2.name, o[sym].name, o.dync.name];
}
assert.sameValue(computedInFunction().join(), "dyn2,[desc],dync", "computed keys in a function");
