// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  a class nested in a field initializer or a method of another class reads the outer
  class's private names (field, getter, method), and its own private names shadow them
---*/
class Outer {
  #v = "field";
  get #g() { return "getter"; }
  #m() { return "method"; }
  Inner = class {
    read(o) { return o.#v + "," + o.#g + "," + o.#m(); }
  };
  make() {
    class Local {
      #v = "own";
      mine() { return this.#v; }
      theirs(o) { return o.#g; }
    }
    return new Local();
  }
}
var o = new Outer();
assert.sameValue(new o.Inner().read(o), "field,getter,method", "class in a field initializer");
var local = o.make();
assert.sameValue(local.mine(), "own", "the nested class's own #v shadows the outer one");
assert.sameValue(local.theirs(o), "getter", "class in a method");
assert.throws(TypeError, function () { new o.Inner().read({}); }, "brand check");
