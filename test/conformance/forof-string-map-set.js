// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: for-of over strings, maps and sets
includes: [compareArray.js]
---*/
function g() {
  var r = [];
  for (var c of "ab") r.push(c);
  for (var [k, v] of new Map([[1, 2]])) r.push(k + v);
  for (var s of new Set([7])) r.push(s);
  return r;
}
assert.compareArray(g(), ["a", "b", 3, 7]);
