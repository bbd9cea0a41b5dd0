// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: var with the catch parameter's name assigns the catch binding
flags: [noStrict]
---*/
function g() { try { throw 1; } catch (e) { var e = 2; } return e; }
assert.sameValue(g(), undefined);
