// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: indirect eval code is sloppy even when called from strict code
flags: [onlyStrict]
---*/
function g() { return (0, eval)("(function () { return this; })()"); }
assert.sameValue(g(), globalThis);
