// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function's own "use strict" makes it strict in a sloppy script
flags: [noStrict]
---*/
function f() { "use strict"; return this; }
assert.sameValue(f(), undefined);
function g() { "use strict"; return function () { return this; }; }
assert.sameValue(g()(), undefined);
function h() { "use strict"; try { undeclaredStrictName = 1; } catch (e) { return e.constructor; } }
assert.sameValue(h(), ReferenceError);
