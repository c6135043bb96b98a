// The one js-yaml function the tests use (js-yaml ships no types; @types/js-yaml is not worth a dependency).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
