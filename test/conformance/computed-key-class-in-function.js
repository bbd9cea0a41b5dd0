// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: class computed keys convert once, in order
includes: [compareArray.js]
---*/
var log = [];
var k1 = { toString: function () { log.push("k1"); return "a"; } };
var k2 = { toString: function () { log.push("k2"); return "b"; } };
function g() { return class { [k1]() { return 1; } static [k2]() { return 2; } }; }
var C = g();
assert.compareArray(log, ["k1", "k2"]);
assert.sameValue(new C().a() + C.b(), 3);
