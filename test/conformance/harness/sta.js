// stackless-ts conformance harness (our own code, test262-compatible names): the error
// class tests throw and the marker for code that must never run.
function Test262Error(message) {
  this.message = message === undefined ? "" : String(message);
}
Test262Error.prototype.name = "Test262Error";
Test262Error.prototype.toString = function () {
  return "Test262Error: " + this.message;
};
Test262Error.thrower = function (message) {
  throw new Test262Error(message);
};
function $DONOTEVALUATE() {
  throw "this statement should not be evaluated";
}
