// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-in with a member target and calls
includes: [compareArray.js]
---*/
function id(x) { return x; }
function g() { var o = {}; var r = []; for (o.k in { p: 1, q: 2 }) r.push(id(o.k)); return r; }
assert.compareArray(g(), ["p", "q"]);
