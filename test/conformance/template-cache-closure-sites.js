// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a site inside a closure is one site for every closure instance
---*/
function tag(s) { return s; }
function mk() { return function () { return tag`in closure`; }; }
assert.sameValue(mk()(), mk()());
