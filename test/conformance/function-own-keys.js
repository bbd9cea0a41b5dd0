// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  string-keyed reflection of functions (Object.keys, for-in, getOwnPropertyNames,
  Object.assign, spread, JSON) sees only what it sees natively: declarations,
  expressions, closures, arrows, methods, accessors, generators, async functions,
  class methods, at top level and inside functions
includes: [compareArray.js]
---*/
var strict = (function () { return this === undefined; })();
// A sloppy ordinary function has own `arguments` and `caller` in V8.
var ordinary = strict ? ["length", "name", "prototype"] : ["length", "name", "arguments", "caller", "prototype"];
var noProto = ["length", "name"];
var withProto = ["length", "name", "prototype"];

function check(label, fn, names) {
  assert.compareArray(Object.keys(fn), [], label + ": Object.keys");
  var seen = [];
  for (var k in fn) seen.push(k);
  assert.compareArray(seen, [], label + ": for-in");
  assert.compareArray(Object.getOwnPropertyNames(fn), names, label + ": getOwnPropertyNames");
  assert.compareArray(Object.keys(Object.assign({}, fn)), [], label + ": Object.assign");
  assert.compareArray(Object.keys({ ...fn }), [], label + ": spread");
  assert.sameValue(JSON.stringify(Object.assign({}, fn)), "{}", label + ": JSON");
}

function decl(a) { return a; }
var expr = function (a) { return a; };
var arrow = (a) => a;
var obj = { m(a) { return a; }, get g() { return 1; }, *gm() { yield 1; }, async am() { return 1; } };
function* gen() { yield 1; }
async function asyncDecl() { return 1; }
var asyncExpr = async function () { return 1; };
var asyncArrow = async () => 1;
class K {
  m() { return 1; }
  static s() { return 2; }
  *g() { yield 1; }
  async a() { return 1; }
  get x() { return 1; }
}

check("declaration", decl, ordinary);
check("expression", expr, ordinary);
check("arrow", arrow, noProto);
check("object method", obj.m, noProto);
check("getter", Object.getOwnPropertyDescriptor(obj, "g").get, noProto);
check("generator method", obj.gm, withProto);
check("async method", obj.am, noProto);
check("generator", gen, withProto);
check("async declaration", asyncDecl, noProto);
check("async expression", asyncExpr, noProto);
check("async arrow", asyncArrow, noProto);
check("class method", K.prototype.m, noProto);
check("static method", K.s, noProto);
check("class generator method", K.prototype.g, withProto);
check("class async method", K.prototype.a, noProto);
check("class getter", Object.getOwnPropertyDescriptor(K.prototype, "x").get, noProto);
assert.compareArray(Object.keys(K), [], "class: Object.keys");
assert.compareArray(Object.getOwnPropertyNames(K), ["length", "name", "prototype", "s"], "class: getOwnPropertyNames");

// Closures: made by compiled functions, closing over their locals.
function outer(n) {
  var count = n;
  function inner() { return count++; }
  var fe = function () { return count; };
  var ar = () => count;
  var o = { m() { return count; }, get g() { return count; } };
  function* g() { yield count; }
  async function a() { return count; }
  var aa = async () => count;
  class C {
    m() { return count; }
    static s() { return count; }
  }
  return { inner: inner, fe: fe, ar: ar, om: o.m, og: Object.getOwnPropertyDescriptor(o, "g").get, g: g, a: a, aa: aa, cm: C.prototype.m, cs: C.s, C: C };
}
var c = outer(5);
check("inner declaration", c.inner, ordinary);
check("inner expression", c.fe, ordinary);
check("inner arrow", c.ar, noProto);
check("inner method", c.om, noProto);
check("inner getter", c.og, noProto);
check("inner generator", c.g, withProto);
check("inner async", c.a, noProto);
check("inner async arrow", c.aa, noProto);
check("method of a class in a function", c.cm, noProto);
check("static method of a class in a function", c.cs, noProto);
assert.compareArray(Object.getOwnPropertyNames(c.C), ["length", "name", "prototype", "s"], "class in a function: getOwnPropertyNames");
assert.sameValue(c.inner(), 5);
assert.sameValue(c.ar(), 6);
