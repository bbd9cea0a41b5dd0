// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  A destructured catch parameter with calls in its pattern binds the clause's own
  variables, also where the function has a parameter or variable of the same name
includes: [compareArray.js]
---*/
function zero() { return 0; }
function f(v, x) {
  var seen = [];
  try { throw [1, 2, 3]; } catch ([...{ length, 0: v, z = zero() }]) {
    seen.push(length, v, z);
  }
  try { throw [undefined]; } catch ([a = () => x, x = 5]) {
    seen.push(a(), x);
  }
  try { throw {}; } catch ({ [zero()]: q = x }) {
    seen.push(q);
  }
  seen.push(v, x);
  return seen;
}
assert.compareArray(f('V', 'X'), [3, 1, 0, 5, 5, 'X', 'V', 'X']);
