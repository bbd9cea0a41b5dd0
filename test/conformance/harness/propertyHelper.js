// stackless-ts conformance harness (our own code): checks one property's descriptor.
function verifyProperty(obj, key, expected) {
  var d = Object.getOwnPropertyDescriptor(obj, key);
  if (expected === undefined) {
    assert.sameValue(d, undefined, String(key) + " descriptor");
    return;
  }
  assert(d !== undefined, String(key) + " should be an own property");
  var fields = ["value", "writable", "enumerable", "configurable", "get", "set"];
  for (var i = 0; i < fields.length; i++) {
    var f = fields[i];
    if (Object.prototype.hasOwnProperty.call(expected, f)) assert.sameValue(d[f], expected[f], String(key) + "." + f);
  }
}
