// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: or-assignment assigns only when falsy
includes: [compareArray.js]
---*/
var log = [];
function v(x) { log.push(x); return x; }
function g() { var a = 0, b = 1; a ||= v("a"); b ||= v("b"); return [a, b]; }
assert.compareArray(g(), ["a", 1]);
assert.compareArray(log, ["a"]);
