// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: functions made inside functions keep their length
---*/
function mk() { return [function (a, b) {}, (a, b, c) => 0, { m(a) {} }.m]; }
var fs = mk();
assert.sameValue(fs[0].length, 2);
assert.sameValue(fs[1].length, 3);
assert.sameValue(fs[2].length, 1);
