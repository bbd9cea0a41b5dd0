// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a function created inside a top-level with block resolves free names through the with object
flags: [noStrict]
---*/
var scope = { x: 1, get y() { return "from scope"; } };
var x = "global";
var fns = [];
with (scope) {
  fns.push(function () { return x; });
  fns.push(() => y);
  (function () { x = 2; })();
}
assert.sameValue(fns[0](), 2);
assert.sameValue(fns[1](), "from scope");
assert.sameValue(scope.x, 2);
assert.sameValue(x, "global");
