// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the catch parameter shadows an outer binding only in the catch
---*/
function g() { var e = "outer"; try { throw "inner"; } catch (e) { var seen = e; } return [seen, e]; }
var r = g();
assert.sameValue(r[0], "inner");
assert.sameValue(r[1], "outer");
