// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a tag gets the strings then the substitution values
---*/
function tag(s, a, b) { return s.length + ":" + a + ":" + b; }
function g() { var x = 1; return tag`p${x}q${x + 1}r`; }
assert.sameValue(g(), "3:1:2");
