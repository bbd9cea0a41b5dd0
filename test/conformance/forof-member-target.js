// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a member expression as the for-of target
includes: [compareArray.js]
---*/
function g() { var o = {}; var r = []; for (o.p of [1, 2]) r.push(o.p); return r; }
assert.compareArray(g(), [1, 2]);
