// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a computed method key's toString runs once
includes: [compareArray.js]
---*/
var log = [];
var k = { toString: function () { log.push("k"); return "m"; } };
var k2 = { toString: function () { log.push("k2"); return "g"; } };
var o = { [k]() { return 1; }, get [k2]() { return 2; } };
assert.compareArray(log, ["k", "k2"]);
assert.sameValue(o.m() + o.g, 3);
