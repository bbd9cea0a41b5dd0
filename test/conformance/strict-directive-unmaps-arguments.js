// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function's own "use strict" unmaps its arguments
flags: [noStrict]
---*/
function f(a) { "use strict"; var g = function () { return a; }; arguments[0] = 9; return [a, g()]; }
var r = f(1);
assert.sameValue(r[0], 1);
assert.sameValue(r[1], 1);
