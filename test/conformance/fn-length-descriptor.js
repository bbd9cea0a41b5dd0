// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: length is configurable, not writable, not enumerable
includes: [propertyHelper.js]
---*/
function f(a, b) {}
verifyProperty(f, "length", { value: 2, writable: false, enumerable: false, configurable: true });
