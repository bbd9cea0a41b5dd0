// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: methods call super methods with this
---*/
class A { who() { return "A:" + this.tag; } }
class B extends A { who() { return "B>" + super.who(); } }
function g() { var b = new B(); b.tag = "t"; return b.who(); }
assert.sameValue(g(), "B>A:t");
