// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a site in a loop gives one template object
---*/
function tag(s) { return s; }
function g() { var seen = []; for (var i = 0; i < 3; i++) seen.push(tag`x${i}`); return seen; }
var r = g();
assert.sameValue(r[0], r[1]);
assert.sameValue(r[1], r[2]);
