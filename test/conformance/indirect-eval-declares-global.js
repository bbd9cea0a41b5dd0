// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: indirect eval's var declares a global
---*/
function g() { (0, eval)("var fromIndirectEval = 1;"); }
g();
assert.sameValue(globalThis.fromIndirectEval, 1);
