// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  a derived class constructor that returns neither an object nor undefined throws
  TypeError after its body ran; a base class constructor's primitive return value is
  ignored; at top level and in functions
---*/
class A {}
var log = [];
class RetNull extends A { constructor() { super(); log.push("body"); return null; } }
assert.throws(TypeError, function () { new RetNull(); }, "null");
assert.sameValue(log.join(), "body", "the body ran first");
function inFunction() {
  class RetNum extends A { constructor() { super(); return 1; } }
  class RetSym extends A { constructor() { super(); return Symbol(); } }
  class RetUndef extends A { constructor() { super(); return undefined; } }
  class RetObj extends A { constructor() { super(); return { k: 1 }; } }
  class Base { constructor() { this.x = 1; return 5; } }
  var errs = [];
  try { new RetNum(); } catch (e) { errs.push(e.constructor.name); }
  try { new RetSym(); } catch (e) { errs.push(e.constructor.name); }
  return errs.join() + "|" + (new RetUndef() instanceof RetUndef) + "|" + new RetObj().k + "|" + new Base().x;
}
assert.sameValue(inFunction(), "TypeError,TypeError|true|1|1");
class FinallyOverride extends A { constructor() { super(); try { return 1; } finally { return; } } }
assert(new FinallyOverride() instanceof FinallyOverride, "a finally's return replaces the bad value");
