// stackless-ts conformance corpus (our own tests, test262 format)
/*---
description: a sloppy script's top level may declare a function as an if branch (Annex B), labelled, or in a switch case; the compiler used to refuse them
flags: [noStrict]
---*/
assert.sameValue(typeof labelled, "function", "a labelled declaration at the top level is hoisted like any other");
if (true) function chosen() { return 1; }
if (false) function notChosen() { return 2; } else function alternate() { return 3; }
outer: inner: function labelled() { return 4; }
assert.sameValue(chosen(), 1);
assert.sameValue(typeof notChosen, "undefined");
assert.sameValue(alternate(), 3);
assert.sameValue(labelled(), 4);
var seen;
switch (2) {
  case 1: function inFirstCase() { return "first"; }
  case 2: seen = inFirstCase() + "," + inSecondCase(); function inSecondCase() { return "second"; }
}
assert.sameValue(seen, "first,second", "declarations of every case are hoisted in the switch block");
assert.sameValue(typeof inFirstCase, "undefined", "Annex B: a declaration not evaluated leaves its var undefined");
assert.sameValue(inSecondCase(), "second");
