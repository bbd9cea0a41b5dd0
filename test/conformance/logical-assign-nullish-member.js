// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: ??= on a member does not call the setter when not nullish
---*/
var sets = 0;
var o = { get p() { return 1; }, set p(v) { sets++; } };
function g() { o.p ??= 5; return sets; }
assert.sameValue(g(), 0);
