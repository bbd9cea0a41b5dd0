// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: closures created in a for(let) head see that iteration's binding (module level and in a function)
---*/
var a = [];
for (let i = 0; i < 3; a.push(function () { return i; }), ++i) { }
assert.sameValue(a.map(function (f) { return f(); }).join(), "1,2,3");
var b = [];
for (let i = 0, first = function () { return i; }; (b.push(() => i), i < 2); i++) { b.first = first; }
assert.sameValue(b.map(function (f) { return f(); }).join(), "0,1,2");
assert.sameValue(b.first(), 0);
function inFunction() {
  var c = [];
  for (let i = 0; i < 3; c.push(function () { return i; }), ++i) { }
  return c.map(function (f) { return f(); }).join();
}
assert.sameValue(inFunction(), "1,2,3");
