// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  An object pattern with calls in its defaults or computed keys (taken apart by the
  compiler) keeps the spec's steps: the rest element does not read the keys the pattern
  read (their getters run once), a computed key converts once, null/undefined throw
  before a computed key runs, an assignment target is evaluated before its value is read
includes: [compareArray.js]
---*/
function one() { return 1; }

function excludedGetter() {
  var count = 0;
  var { v = one(), ...x } = { get v() { count++; return 2; }, w: 3 };
  return [count, v, Object.keys(x).join(), x.w];
}
assert.compareArray(excludedGetter(), [1, 2, 'w', 3]);

function keyOnce() {
  var n = 0;
  var key = { toString() { n++; return 'a'; } };
  var s = Symbol('s'), u = Symbol('u');
  var { [one() && key]: a, [s]: b, 1: c, z = one(), ...rest } = { a: 'A', b: 'B', [s]: 'S', [u]: 'U', 1: 'one' };
  return [n, a, b, c, z, Object.keys(rest).join(), rest[s], rest[u]];
}
assert.compareArray(keyOnce(), [1, 'A', 'S', 'one', 1, 'b', undefined, 'U']);

function nullFirst() {
  var called = 0;
  try {
    var { [(called++, one(), 'a')]: x } = null;
  } catch (e) {
    return [e.constructor, called];
  }
}
assert.compareArray(nullFirst(), [TypeError, 0]);

function targetFirst() {
  var log = [];
  var o = { set p(v) { log.push('set ' + v); } };
  function k() { log.push('key'); return 'p'; }
  var src = { get a() { log.push('get a'); return undefined; }, get b() { log.push('get b'); return 2; } };
  var r = {};
  ({ a: o[k()] = one(), ...r.rest } = src);
  return log.concat(Object.keys(r.rest));
}
assert.compareArray(targetFirst(), ['key', 'get a', 'set 1', 'get b', 'b']);

function protoKey() {
  var { z = one(), ...r } = JSON.parse('{"__proto__": 5, "q": 1}');
  return [Object.getPrototypeOf(r) === Object.prototype, Object.getOwnPropertyDescriptor(r, '__proto__').value, r.q];
}
assert.compareArray(protoKey(), [true, 5, 1]);

function skipsNonEnumerable() {
  var o = { a: 1 };
  Object.defineProperty(o, 'hidden', { value: 2, enumerable: false });
  var { b = one(), ...r } = o;
  return Object.getOwnPropertyNames(r);
}
assert.compareArray(skipsNonEnumerable(), ['a']);
