// @babel/preset-typescript ships no types; compile.ts only passes it to Babel.
declare module "@babel/preset-typescript" {
  const preset: object;
  export default preset;
}
