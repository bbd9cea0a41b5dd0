// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the target object and key are evaluated before the value
includes: [compareArray.js]
---*/
var log = [];
var o = {};
function obj() { log.push("obj"); return o; }
function key() { log.push("key"); return "k"; }
function val() { log.push("val"); return 1; }
function g() { obj()[key()] = val(); }
g();
assert.compareArray(log, ["obj", "key", "val"]);
assert.sameValue(o.k, 1);
