// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: deleting an arguments index breaks the mapping
flags: [noStrict]
---*/
function f(a) { delete arguments[0]; a = 3; return arguments[0]; }
assert.sameValue(f(1), undefined);
