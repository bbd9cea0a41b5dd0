// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a labeled function declaration in sloppy code
flags: [noStrict]
---*/
function g() { L: function f() { return 4; } return f(); }
assert.sameValue(g(), 4);
