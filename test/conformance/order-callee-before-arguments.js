// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: the callee is evaluated before the arguments
includes: [compareArray.js]
---*/
var log = [];
function f() { return 0; }
function g() { return (log.push("callee"), f)(log.push("arg")); }
g();
assert.compareArray(log, ["callee", "arg"]);
