// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: awaiting a rejection throws into try/catch
flags: [async]
---*/
async function f() { try { await Promise.reject(new TypeError("r")); } catch (e) { return e.constructor; } }
f().then(function (v) { assert.sameValue(v, TypeError); }).then($DONE, $DONE);
