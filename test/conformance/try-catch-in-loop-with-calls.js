// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: try/catch inside a loop with calls
includes: [compareArray.js]
---*/
function maybe(i) { if (i % 2) throw i; return i; }
function g() { var r = []; for (var i = 0; i < 4; i++) { try { r.push(maybe(i)); } catch (e) { r.push(-e); } } return r; }
assert.compareArray(g(), [0, -1, 2, -3]);
