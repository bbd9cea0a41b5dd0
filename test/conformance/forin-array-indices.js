// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-in over an array visits index strings in order
includes: [compareArray.js]
---*/
function g() { var r = []; for (var i in ["x", "y"]) r.push(typeof i, i); return r; }
assert.compareArray(g(), ["string", "0", "string", "1"]);
