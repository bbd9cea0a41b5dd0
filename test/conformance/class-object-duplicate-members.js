// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  a method or accessor replaced by a later member with the same key (class bodies and
  object literals, static and computed keys, at top level and in functions) leaves the
  surviving member working, and looking the members up does not run a getter
---*/
var log = [];
class A { x() { return 1; } get x() { log.push("get"); return 2; } }
assert.sameValue(new A().x, 2, "getter after method");
class B { get x() { return 2; } x() { return 1; } }
assert.sameValue(new B().x(), 1, "method after getter");
class C { static x() { return 1; } static get x() { return 3; } }
assert.sameValue(C.x, 3, "static getter after static method");
class D { get ["y"]() { return 1; } get y() { return 2; } set y(v) { log.push("set" + v); } }
var d = new D();
assert.sameValue(d.y, 2, "getter after computed getter");
d.y = 5;
class E { async m() { return 1; } m() { return 2; } }
assert.sameValue(new E().m(), 2, "sync method after async one keeps its prototype");
assert.sameValue(Object.getPrototypeOf(E.prototype.m), Function.prototype);
function inFunction() {
  class F { x() { return 1; } get x() { return 2; } }
  var o = { m() { return 1; }, get m() { return 5; } };
  return new F().x + o.m;
}
assert.sameValue(inFunction(), 7, "in a function");
var top = { __proto__: null, m() { return 1; }, get m() { return 33; }, set m(v) { log.push("top" + v); } };
var desc = Object.getOwnPropertyDescriptor(top, "m");
assert.sameValue(desc.get(), 33, "object literal getter after method");
desc.set(1);
assert.sameValue(log.join(), "get,set5,top1", "getters ran only when read");
