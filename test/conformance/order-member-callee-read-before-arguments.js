// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: o.m is read before the arguments, even if they replace it
includes: [compareArray.js]
---*/
var log = [];
var o = { m: function () { log.push("old"); } };
function g() { o.m((o.m = function () { log.push("new"); }, 0)); }
g();
assert.compareArray(log, ["old"]);
