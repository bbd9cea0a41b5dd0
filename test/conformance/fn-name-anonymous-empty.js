// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a truly anonymous function has the empty name
---*/
function mk() { return [function () {}, () => 0]; }
var r = mk();
assert.sameValue(r[0].name, "");
assert.sameValue(r[1].name, "");
assert.sameValue((function () {}).name, "");
