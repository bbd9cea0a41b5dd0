/**
 * The own keys under which a compiled function carries what the runtime needs of it
 * (docs/frame-protocol.md `$m.fn`): its code record (`fn[CODE]`, set by `$m.fn`),
 * on a closure, the environment it closes over (`fn[ENV]`, set by its factory as
 * `$f[$ENV] = $o`, `$ENV` being the module's alias of `rt.ENV`), and, for functions of a
 * class evaluated in a function, that class (`fn[HOME]`, set by `$m.cls`, `$m.member`,
 * `$m.home`).
 *
 * Symbols, so that string-keyed reflection (`Object.keys`, for-in,
 * `Object.getOwnPropertyNames`, JSON) sees a compiled function as it sees the native
 * one; a store under a constant symbol costs what a named store does in V8. Registered
 * (`Symbol.for`) so that every copy of the runtime loaded in a process (the CLI's and a
 * program's) reads the same keys, as it read the same strings before.
 *
 * Known to compiler (compiler/emit/module.ts writes `rt.ENV`).
 */
export const CODE: unique symbol = Symbol.for("stackless-ts/code");
export const ENV: unique symbol = Symbol.for("stackless-ts/env");
/**
 * On a compiled function of a class evaluated in a function (a member, or a closure made
 * by a factory in the class body): that evaluation of the class (runtime/local-classes.ts).
 * A store per function made, as ENV's: a weak map entry per member and closure cost
 * about 40% of evaluating a small class.
 */
export const HOME: unique symbol = Symbol.for("stackless-ts/home");
