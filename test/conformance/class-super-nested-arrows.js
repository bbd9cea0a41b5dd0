// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  `super` in an arrow nested in another arrow of a method, getter, static method or
  field initializer reads the home object's prototype, at top level and in functions
---*/
function inFunction() {
  class A { static sm() { return "A.sm"; } im() { return "A.im"; } get acc() { return "A.acc"; } }
  class B extends A {
    static sm() { var f = () => () => super.sm(); return f()() + "+B"; }
    im() { var f = () => () => () => super.im(); return f()()() + "+B"; }
    get acc() { return (() => () => super.acc)()() + "+B"; }
    field = (() => () => super.im())()();
  }
  var b = new B();
  return [B.sm(), b.im(), b.acc, b.field].join();
}
assert.sameValue(inFunction(), "A.sm+B,A.im+B,A.acc+B,A.im");
class P { m() { return "P"; } }
class Q extends P { m() { return (() => () => super.m())()() + "Q"; } }
assert.sameValue(new Q().m(), "PQ", "top-level class");
