// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a strict function called plainly gets undefined
flags: [onlyStrict]
---*/
function f() { return this; }
assert.sameValue(f(), undefined);
function g() { return f(); }
assert.sameValue(g(), undefined);
