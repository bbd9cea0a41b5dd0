// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a destructuring parameter makes a sloppy function's arguments unmapped, and keeps its length
flags: [noStrict]
---*/
function f(a, [b], {c}) { arguments[0] = "changed"; a = "param"; return [arguments[0], a, b, c]; }
var r = f("first", ["second"], { c: "third" });
assert.sameValue(r[0], "changed");
assert.sameValue(r[1], "param");
assert.sameValue(r[2], "second");
assert.sameValue(r[3], "third");
assert.sameValue(f.length, 3);
