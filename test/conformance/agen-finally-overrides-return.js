// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: >
  a finally run by return() may return (overriding, awaited), break out of a loop
  (dropping the return: the body goes on) or yield again and be returned once more
flags: [async]
includes: [compareArray.js]
---*/
var log = [];
async function* overrides() { try { yield 1; } finally { return Promise.resolve("over"); } }
async function* breaks() {
  for (var i = 0; i < 2; i++) { try { yield i; } finally { log.push("fin " + i); continue; } }
  return "after loop";
}
async function* twice() {
  try { try { yield 1; } finally { log.push("inner"); yield 2; log.push("not reached"); } }
  finally { log.push("outer"); }
}
async function run() {
  var a = overrides();
  await a.next();
  var r = await a.return("x");
  log.push("overrides " + r.value + " " + r.done);
  var b = breaks();
  await b.next();
  r = await b.return("y");
  log.push("breaks " + r.value + " " + r.done);
  r = await b.return("z");
  log.push("breaks " + r.value + " " + r.done);
  var c = twice();
  await c.next();
  r = await c.return("first");
  log.push("twice " + r.value + " " + r.done);
  r = await c.return("second");
  log.push("twice " + r.value + " " + r.done);
  assert.compareArray(log, ["overrides over true", "fin 0", "breaks 1 false", "fin 1", "breaks after loop true", "inner", "twice 2 false", "outer", "twice second true"]);
}
run().then($DONE, $DONE);
