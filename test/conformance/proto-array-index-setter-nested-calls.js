// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  Accessors on Array.prototype's indexes do not see the runtime's bookkeeping: with a
  setter on Array.prototype[0] or [1], compiled functions called back by native code
  (the setter itself, at top level and inside a generator's body) run once each
  (found by test262 statements/for-in/head-lhs-let.js with its body in a generator,
  which recursed without bound)
flags: [noStrict]
features: [generators]
---*/
var log = "";
var value;

function setterOn(index) {
  Object.defineProperty(Array.prototype, index, {
    configurable: true,
    set: function (v) { log += (log ? "," : "") + "set" + index + ":" + v; value = v; }
  });
}

// The setter is called by native code (Set on a fresh array), which calls tasklet code.
setterOn("0");
var a = [];
a[0] = "top";
delete Array.prototype[0];
assert.sameValue(value, "top");
assert.sameValue(log, "set0:top");

log = "";
function* g() {
  var obj = Object.create(null);
  obj.key = 1;
  setterOn("1");
  var let;
  for ([let][1] in obj) ;
  delete Array.prototype[1];
  yield value;
}
var r = g().next();
assert.sameValue(r.value, "key");
assert.sameValue(log, "set1:key");

log = "";
function* h() {
  setterOn("1");
  var b = [];
  b[1] = "gen";
  (function () { var c = []; c[1] = "inner"; })();
  delete Array.prototype[1];
  yield value;
}
assert.sameValue(h().next().value, "inner");
assert.sameValue(log, "set1:gen,set1:inner");
