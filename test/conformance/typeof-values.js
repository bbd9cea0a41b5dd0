// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: typeof results
---*/
function g() { return [typeof 1, typeof "", typeof null, typeof undefined, typeof {}, typeof g, typeof Symbol(), typeof 1n, typeof (() => 0)]; }
assert.sameValue(g().join(), "number,string,object,undefined,object,function,symbol,bigint,function");
