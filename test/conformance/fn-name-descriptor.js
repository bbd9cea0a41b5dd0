// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: name is configurable, not writable, not enumerable
includes: [propertyHelper.js]
---*/
function f() {}
verifyProperty(f, "name", { value: "f", writable: false, enumerable: false, configurable: true });
