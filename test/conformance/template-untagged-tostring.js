// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: substitutions use ToString
---*/
var o = { toString: function () { return "O"; }, valueOf: function () { return 1; } };
function g() { return `${o}`; }
assert.sameValue(g(), "O");
