// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a callback gets thisArg
---*/
var seen = [];
var t = {};
function g() { [1, 2].forEach(function () { seen.push(this); }, t); }
g();
assert.sameValue(seen[0], t);
assert.sameValue(seen[1], t);
