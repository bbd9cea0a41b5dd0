// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a tag held in a variable that a closure captures is called with this undefined (strict), not with the closure's environment
flags: [onlyStrict]
---*/
function outer() {
  let tag = function () { return this; };
  const get = () => tag;
  const a = tag`x`;
  const b = tag`y${get()}`;
  return [a, b, get()`z`];
}
const r = outer();
assert.sameValue(r[0], undefined, "captured tag");
assert.sameValue(r[1], undefined, "captured tag with a call in a substitution");
assert.sameValue(r[2], undefined, "tag returned by a call");
