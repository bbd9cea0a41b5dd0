// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: assigning an undeclared name in sloppy code creates a global
flags: [noStrict]
---*/
function f() { undeclaredSloppyName = 5; }
f();
assert.sameValue(globalThis.undeclaredSloppyName, 5);
