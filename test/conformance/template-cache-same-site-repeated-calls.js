// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a site's template object is the same on every evaluation
---*/
function tag(s) { return s; }
function site() { return tag`a${1}b`; }
assert.sameValue(site(), site());
