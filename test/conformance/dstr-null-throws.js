// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: destructuring null throws TypeError
---*/
function g() { var { a } = null; }
assert.throws(TypeError, g);
function h() { var [a] = {}; }
assert.throws(TypeError, h);
