// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: __proto__ in a literal sets the prototype
---*/
function g() { var p = { q: 1 }; var o = { __proto__: p }; return Object.getPrototypeOf(o) === p && o.q === 1; }
assert.sameValue(g(), true);
