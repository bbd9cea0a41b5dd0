// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: object pattern reads properties in pattern order
includes: [compareArray.js]
---*/
var log = [];
var src = { get a() { log.push("a"); return 1; }, get b() { log.push("b"); return 2; } };
function g() { var { b, a } = src; return [a, b]; }
assert.compareArray(g(), [1, 2]);
assert.compareArray(log, ["b", "a"]);
