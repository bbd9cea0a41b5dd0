// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  object literals inside functions: a method with a computed key is a method (not a
  constructor, no `prototype`, named after its key), and `{ __proto__ }` (shorthand)
  defines an own property instead of setting the prototype
---*/
var sym = Symbol("s");
function computedMethods() {
  var k = "c";
  var o = { [k]() { return 1; }, get [sym]() { return 2; }, set [k + "x"](v) {} };
  var g = Object.getOwnPropertyDescriptor(o, sym).get;
  var s = Object.getOwnPropertyDescriptor(o, "cx").set;
  return [o.c.hasOwnProperty("prototype"), g.hasOwnProperty("prototype"), s.hasOwnProperty("prototype"), o.c.name, g.name, s.name, o.c(), o[sym]];
}
assert.sameValue(computedMethods().join(), "false,false,false,c,get [s],set cx,1,2");
function construct() {
  var k = "c";
  var o = { [k]() {} };
  return new o.c();
}
assert.throws(TypeError, construct, "a computed-key method is not a constructor");
function protoShorthand() {
  var __proto__ = 5;
  var q = { __proto__ };
  var p = {};
  var r = { __proto__: p };
  return [q.__proto__ === 5, Object.getPrototypeOf(q) === Object.prototype, Object.keys(q).join(), Object.getPrototypeOf(r) === p];
}
assert.sameValue(protoShorthand().join(), "true,true,__proto__,true");
var __proto__ = 7;
var top = { __proto__ };
assert.sameValue(Object.keys(top).join(), "__proto__", "top level");
