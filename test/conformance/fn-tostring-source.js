// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: Function.prototype.toString of a declaration contains its name
---*/
function someName(a) { return a; }
assert.sameValue(String(someName).indexOf("someName") >= 0, true);
