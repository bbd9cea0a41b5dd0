// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a tag can be a call result
---*/
function mk() { return function (s) { return s[0] + "!"; }; }
function g() { return mk()`hi`; }
assert.sameValue(g(), "hi!");
