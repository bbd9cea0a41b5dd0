// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  With parameter expressions that create closures, a body `var` or function declaration
  named like a parameter is a binding of its own, initialised to the parameter's value;
  the closures keep seeing the parameter (every compiled function form)
includes: [compareArray.js]
---*/
function decl(x = 'param', get = () => x, set = (v) => { x = v; }) {
  var x;
  var before = x;
  x = 'body';
  var c = () => x;
  set('set');
  return [before, x, get(), c()];
}
assert.compareArray(decl(), ['param', 'body', 'set', 'body']);

var arrow = (x = 'param', get = () => x) => {
  var x = 'body';
  return [get(), x];
};
assert.compareArray(arrow(), ['param', 'body']);

var fnDecl = (f = 1, get = () => f) => {
  function f() {}
  return [get(), typeof f];
};
assert.compareArray(fnDecl(), [1, 'function']);

var obj = {
  m(x = 'param', get = function () { return x; }) {
    var x;
    x = x + '!';
    return [get(), x];
  },
};
assert.compareArray(obj.m(), ['param', 'param!']);

class C {
  static s([x] = ['param'], get = () => x) {
    for (var x of ['loop']) ;
    return [get(), x];
  }
  m(x = 'param', k = class { get() { return x; } }) {
    var x = 'body';
    return [new k().get(), x];
  }
}
assert.compareArray(C.s(), ['param', 'loop']);
assert.compareArray(new C().m(), ['param', 'body']);

var log = [];
async function af(x = 'param', get = () => x) {
  var x = 'body';
  log.push(get(), x);
}
af();
assert.compareArray(log, ['param', 'body']);
