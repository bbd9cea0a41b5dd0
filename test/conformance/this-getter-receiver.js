// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a getter gets the receiver, also through the prototype chain
---*/
var proto = { get who() { return this; } };
var o = Object.create(proto);
function g() { return o.who; }
assert.sameValue(g(), o);
