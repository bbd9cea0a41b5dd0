// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an object literal method uses super
---*/
var proto = { hi() { return "proto"; } };
var o = { __proto__: proto, hi() { return "o>" + super.hi(); } };
assert.sameValue(o.hi(), "o>proto");
