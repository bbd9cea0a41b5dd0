// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: two sites with the same text give different objects
---*/
function tag(s) { return s; }
function g() { return [tag`same`, tag`same`]; }
var r = g();
assert.notSameValue(r[0], r[1]);
