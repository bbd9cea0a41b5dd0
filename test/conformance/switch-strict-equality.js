// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: switch matches with strict equality
---*/
function g(v) { switch (v) { case "1": return "string"; case 1: return "number"; } }
assert.sameValue(g(1), "number");
