// Imported by export-default-async-fn.js, which it imports back: this module's body
// runs first, before the default export's module body.
import f from "./export-default-async-fn.js";
export const early = typeof f + " " + f.name + " " + f.length;
