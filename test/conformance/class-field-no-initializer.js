// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  a class field without an initializer is a field (defined as undefined), and its
  computed key is evaluated in order, at top level and inside functions
---*/
var log = [];
function key(k) { log.push(k); return k; }
class Top { plain; [key("a")]; static [key("b")]; }
var top = new Top();
assert.sameValue(Object.prototype.hasOwnProperty.call(top, "plain"), true, "plain field");
assert.sameValue(Object.prototype.hasOwnProperty.call(top, "a"), true, "computed field");
assert.sameValue(Object.prototype.hasOwnProperty.call(Top, "b"), true, "static computed field");
function inner() {
  class C { x; [key("c")]; static [key("d")]; }
  return new C();
}
var c = inner();
assert.sameValue(Object.prototype.hasOwnProperty.call(c, "x"), true, "plain field in a function");
assert.sameValue(Object.prototype.hasOwnProperty.call(c, "c"), true, "computed field in a function");
assert.sameValue(log.join(), "a,b,c,d", "keys evaluated once each, in order");
function throws() {
  class D { [(() => { throw new Test262Error(); })()]; [key("never")]; }
}
assert.throws(Test262Error, throws, "a throwing key stops the class definition");
assert.sameValue(log.join(), "a,b,c,d", "later keys not evaluated");
