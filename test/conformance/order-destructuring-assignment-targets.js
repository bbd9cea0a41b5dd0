// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: destructuring assignment evaluates targets in order
includes: [compareArray.js]
---*/
var log = [];
var a = {}, b = {};
function ta() { log.push("a"); return a; }
function tb() { log.push("b"); return b; }
function g() { [ta().x, tb().y] = [1, 2]; }
g();
assert.compareArray(log, ["a", "b"]);
assert.sameValue(a.x + b.y, 3);
