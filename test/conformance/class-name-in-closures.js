// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  closures and nested classes inside a class body (methods, static blocks, field
  initializers) read the class's own name: a declaration's inner binding or a class
  expression's name, at top level and inside functions
---*/
function inFunction() {
  let fromBlock;
  class C {
    static { fromBlock = () => C; }
    arrow() { return () => C; }
    fn() { return function () { return C; }; }
    field = () => C;
    nested() { return class { get outer() { return C; } }; }
  }
  var c = new C();
  return [fromBlock() === C, c.arrow()() === C, c.fn()() === C, c.field() === C, new (c.nested())().outer === C];
}
assert.sameValue(inFunction().join(), "true,true,true,true,true", "class declaration in a function");
function expressionInFunction() {
  var D = class Named { m() { return () => Named; } };
  return new D().m()() === D;
}
assert(expressionInFunction(), "class expression name in a function");
var E = class Own { m() { return () => Own; } static s = () => Own; };
assert.sameValue(new E().m()(), E, "top-level class expression name, arrow in a method");
assert.sameValue(E.s(), E, "top-level class expression name, static field arrow");
