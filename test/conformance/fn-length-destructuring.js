// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: destructuring parameters count
---*/
function f({ a }, [b], c) {}
assert.sameValue(f.length, 3);
function h() { return function ({ a } = {}, b) {}; }
assert.sameValue(h().length, 0);
