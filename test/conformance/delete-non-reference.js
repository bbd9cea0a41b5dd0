// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: delete of new.target, this or a call result evaluates it and is true
---*/
var calls = 0;
function f() { return [delete new.target, delete this, delete Math.abs(++calls)]; }
var r = f();
assert.sameValue(r[0], true);
assert.sameValue(r[1], true);
assert.sameValue(r[2], true);
assert.sameValue(calls, 1);
