// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a destructuring assignment evaluates to its right side
---*/
function g() { var a; var src = [1]; var r = ([a] = src); return r === src && a === 1; }
assert.sameValue(g(), true);
