// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: new with spread arguments
---*/
function C(a, b) { this.s = a + b; }
function g() { return new C(...[1, 2]); }
assert.sameValue(g().s, 3);
