// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: finally runs on continue
includes: [compareArray.js]
---*/
function g() { var r = []; for (var i = 0; i < 2; i++) { try { continue; } finally { r.push(i); } } return r; }
assert.compareArray(g(), [0, 1]);
