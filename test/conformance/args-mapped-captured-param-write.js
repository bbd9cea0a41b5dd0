// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a closure's write to a captured parameter shows in arguments
flags: [noStrict]
---*/
function f(a) { var set = function (v) { a = v; }; set(4); return arguments[0]; }
assert.sameValue(f(1), 4);
