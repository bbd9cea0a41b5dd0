// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the key is converted to a property key after the value
---*/
var log = [];
var k = { toString: function () { log.push("key"); return "p"; } };
var o = {};
function g() { o[k] = (log.push("val"), 1); }
g();
assert.sameValue(log.join(), "val,key");
