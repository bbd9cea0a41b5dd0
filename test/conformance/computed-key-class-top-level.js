// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: class computed keys at top level convert once
includes: [compareArray.js]
---*/
var log = [];
var k1 = { toString: function () { log.push("k1"); return "a"; } };
class C { [k1]() { return 1; } get [k1 + "x"]() { return 2; } }
assert.compareArray(log, ["k1", "k1"]);
assert.sameValue(new C().a() + new C().ax, 3);
