// stackless-ts conformance harness (our own code): the assertions test262-format tests
// call. Failures throw Test262Error with both values in the message.
function assert(value, message) {
  if (value !== true) throw new Test262Error((message === undefined ? "" : message + " ") + "expected true, got " + assert._show(value));
}
assert._same = function (a, b) {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
};
assert._show = function (v) {
  if (v === 0 && 1 / v < 0) return "-0";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "symbol") return v.toString();
  try {
    return String(v);
  } catch (e) {
    return Object.prototype.toString.call(v);
  }
};
assert.sameValue = function (actual, expected, message) {
  if (!assert._same(actual, expected)) {
    throw new Test262Error((message === undefined ? "" : message + " ") + "expected " + assert._show(expected) + ", got " + assert._show(actual));
  }
};
assert.notSameValue = function (actual, unexpected, message) {
  if (assert._same(actual, unexpected)) {
    throw new Test262Error((message === undefined ? "" : message + " ") + "expected anything but " + assert._show(unexpected));
  }
};
assert.throws = function (ErrorClass, fn, message) {
  var prefix = message === undefined ? "" : message + " ";
  try {
    fn();
  } catch (e) {
    if (typeof e !== "object" || e === null) throw new Test262Error(prefix + "thrown value is not an object: " + assert._show(e));
    if (e.constructor !== ErrorClass) throw new Test262Error(prefix + "expected a " + ErrorClass.name + ", got a " + (e.constructor && e.constructor.name));
    return;
  }
  throw new Test262Error(prefix + "expected a " + ErrorClass.name + ", nothing was thrown");
};
