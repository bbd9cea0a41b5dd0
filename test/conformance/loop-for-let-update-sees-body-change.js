// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the update sees the body's write to the copied binding
includes: [compareArray.js]
---*/
function g() { var fs = []; for (let i = 0; i < 6; i++) { fs.push(() => i); i++; } return fs.map((f) => f()); }
assert.compareArray(g(), [1, 3, 5]);
