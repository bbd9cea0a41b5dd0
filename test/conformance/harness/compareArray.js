// stackless-ts conformance harness (our own code): element-wise array comparison.
assert.compareArray = function (actual, expected, message) {
  var prefix = message === undefined ? "" : message + " ";
  var show = function (a) {
    return "[" + Array.prototype.map.call(a, assert._show).join(", ") + "]";
  };
  if (actual == null || actual.length !== expected.length) throw new Test262Error(prefix + "expected " + show(expected) + ", got " + (actual == null ? actual : show(actual)));
  for (var i = 0; i < expected.length; i++) {
    if (!assert._same(actual[i], expected[i])) throw new Test262Error(prefix + "expected " + show(expected) + ", got " + show(actual));
  }
};
