// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: an async arrow keeps this
flags: [async]
---*/
var o = { v: 4, m: function () { return (async () => { await null; return this.v; })(); } };
o.m().then(function (v) { assert.sameValue(v, 4); }).then($DONE, $DONE);
