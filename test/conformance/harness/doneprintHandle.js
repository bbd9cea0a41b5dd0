// stackless-ts conformance harness (our own code): how async tests report, through the
// host's print(), with the strings test262 hosts look for.
function $DONE(error) {
  if (error === undefined || error === null || error === false) {
    print("Test262:AsyncTestComplete");
  } else {
    var text = typeof error === "object" && "message" in error ? (error.constructor && error.constructor.name) + ": " + error.message : String(error);
    print("Test262:AsyncTestFailure:" + text);
  }
}
function asyncTest(fn) {
  fn().then(function () { $DONE(); }, $DONE);
}
