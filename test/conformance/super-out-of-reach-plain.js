// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  `super` in an object literal method inside a function, and assignments to `super.x`
  inside arrows, run with JavaScript's semantics (the functions around them stay plain
  code: docs/unsupported.md)
---*/
function objectMethodInFunction() {
  var o = { __proto__: { x: 1 }, m() { return super.x; }, get g() { return super.x + 1; } };
  return o.m() + "," + o.g;
}
assert.sameValue(objectMethodInFunction(), "1,2");
function superAssignInArrow() {
  class A { static v = 1; }
  class B extends A {
    m() { var f = () => { super.y = 5; }; f(); return this.y; }
    static n() { return (() => super.v++)(); }
  }
  return [new B().m(), B.n(), B.v].join();
}
assert.sameValue(superAssignInArrow(), "5,1,2");
class D { m() { return { __proto__: { z: 3 }, n() { return super.z; } }.n(); } }
assert.sameValue(new D().m(), 3, "object literal method in a class method");
