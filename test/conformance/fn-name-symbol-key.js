// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a symbol-keyed method is named [description]
---*/
var s = Symbol("desc");
var o = { [s]() {} };
assert.sameValue(o[s].name, "[desc]");
