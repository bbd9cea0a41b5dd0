// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy function may assign `arguments` (plainly, by update, destructuring, for-in, or from an arrow); later reads see the new value
flags: [noStrict]
---*/
function assigned(a) { arguments = 5; return [a, arguments]; }
assert.sameValue(assigned(1).join(), "1,5");
function updated() { arguments++; return arguments; }
assert.sameValue(updated(1), NaN);
function destructured() { [arguments] = [7]; ({ x: arguments } = { x: arguments + 1 }); return arguments; }
assert.sameValue(destructured(), 8);
function fromArrow() { var f = () => { arguments = 9; }; f(); return arguments; }
assert.sameValue(fromArrow(), 9);
function forIn() { for (arguments in { k: 1 }); return arguments; }
assert.sameValue(forIn(), "k");
function keepsOld(p) { var q = arguments; arguments = 3; q[0] = 2; return [p, q[0], arguments].join(); }
assert.sameValue(keepsOld(1), "2,2,3");
