// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a computed accessor key converts once
---*/
var n = 0;
var k = { toString: function () { n++; return "p"; } };
function g() { return { get [k]() { return 5; } }; }
assert.sameValue(g().p, 5);
assert.sameValue(n, 1);
