// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  throw() at a yield is caught in the body; a rejected await and a rejected return
  value throw at their own statement, inside the body's try
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
async function* g() {
  try { yield 1; } catch (e) { log.push("caught " + e); }
  try { await Promise.reject("r1"); } catch (e) { log.push("await threw " + e); }
  try { return Promise.reject("r2"); } catch (e) { log.push("return threw " + e); }
  yield 2;
}
async function run() {
  var it = g();
  await it.next();
  var r = await it.throw("t");
  log.push("value " + r.value);
  r = await it.next();
  log.push("end " + r.value + " " + r.done);
  try { await it.throw("after"); } catch (e) { log.push("rejected " + e); }
  assert.compareArray(log, ["caught t", "await threw r1", "return threw r2", "value 2", "end undefined true", "rejected after"]);
}
run().then($DONE, $DONE);
