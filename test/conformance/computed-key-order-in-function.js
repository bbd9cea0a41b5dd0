// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: computed keys convert in order with values
includes: [compareArray.js]
---*/
var log = [];
var k1 = { toString: function () { log.push("k1"); return "a"; } };
var k2 = { toString: function () { log.push("k2"); return "b"; } };
function v(x) { log.push(x); return x; }
function g() { return { [k1]: v(1), [k2]: v(2) }; }
var o = g();
assert.compareArray(log, ["k1", 1, "k2", 2]);
assert.sameValue(o.a + o.b, 3);
