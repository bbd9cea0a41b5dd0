// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of yields undefined for holes
includes: [compareArray.js]
---*/
function g() { var r = []; for (var x of [1, , 3]) r.push(x); return r; }
assert.compareArray(g(), [1, undefined, 3]);
