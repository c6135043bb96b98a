/**
 * Calls of JavaScript's own functions and methods: `encodeURIComponent(id)`, `Object.entries(params)`, `s.trim()`,
 * `rows.map(f)`, `date.getTime()`, `res.json()`. None of them sends a request (no HTTP client model sends with one
 * of these names) and none enters a function of the application, so the request search passes them by before it
 * evaluates anything. They are most of the calls of a typical file, and each cost a name lookup and a walk through
 * the client models (~50 µs each while the engine's code is still cold: a third of a small run's analysis).
 *
 * A method is known by its name whatever the receiver: a wrapper of the application named `trim` or `reduce` would
 * be passed by too, which is why HTTP-sounding names (`get`, `find`, `search`, `send`, `add`, `list`, `query`, `set`,
 * `delete`, `request`, `fetch`) are not in the list. A global (`String(x)`, `JSON.stringify(x)`) counts only when
 * nothing in scope declares the name.
 */
import { ts, skipOuter } from './ts';

/** Methods of String, Array, Number, Date, RegExp, Map/Set, Object.prototype, Promise, console and Response. */
export const STANDARD_METHODS: ReadonlySet<string> = new Set([
  // String.prototype
  'charAt', 'charCodeAt', 'codePointAt', 'concat', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'localeCompare',
  'match', 'matchAll', 'normalize', 'padEnd', 'padStart', 'repeat', 'replace', 'replaceAll', 'slice', 'split',
  'startsWith', 'substring', 'substr', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim',
  'trimStart', 'trimEnd', 'trimLeft', 'trimRight',
  // Array.prototype
  'every', 'fill', 'filter', 'findIndex', 'findLastIndex', 'flat', 'flatMap', 'forEach', 'join', 'map', 'pop', 'push',
  'reduce', 'reduceRight', 'reverse', 'shift', 'some', 'sort', 'splice', 'unshift', 'toSorted', 'toReversed',
  // Number, Date, RegExp
  'toFixed', 'toPrecision', 'toExponential', 'getTime', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours',
  'getMinutes', 'getSeconds', 'getMilliseconds', 'getTimezoneOffset', 'getUTCFullYear', 'getUTCMonth', 'getUTCDate',
  'getUTCHours', 'getUTCMinutes', 'toISOString', 'toDateString', 'toTimeString', 'toUTCString', 'toLocaleDateString',
  'toLocaleTimeString', 'toLocaleString', 'exec', 'test',
  // Map/Set, Object.prototype, Promise, console, a fetch Response's body
  'has', 'keys', 'values', 'entries', 'hasOwnProperty', 'toString', 'valueOf', 'then', 'catch', 'finally', 'log',
  'warn', 'info', 'debug', 'error', 'json', 'text',
]);

/** Global functions. */
const STANDARD_FUNCTIONS: ReadonlySet<string> = new Set([
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'String', 'Number', 'Boolean', 'BigInt',
  'Symbol', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'setTimeout', 'clearTimeout', 'setInterval',
  'clearInterval', 'setImmediate', 'clearImmediate', 'structuredClone', 'queueMicrotask', 'require',
]);

/** Global objects whose every method is the language's or the runtime's own. */
const STANDARD_OBJECTS: ReadonlySet<string> = new Set([
  'Object', 'JSON', 'Math', 'Number', 'String', 'Array', 'Date', 'Promise', 'console', 'Symbol', 'Intl', 'Boolean',
  'BigInt', 'Buffer',
]);

/** What isStandardCall needs of the file (FileContext): the declaration a name has at a place, if any. */
export interface Scopes {
  lookup(name: string, at: ts.Node): unknown;
}

/**
 * Whether `call` is a call of the language's own (see above). A global name counts only when the file declares
 * nothing by that name where it is used: a local `String` or an imported `console` is the application's.
 */
export function isStandardCall(call: ts.CallExpression, scopes: Scopes): boolean {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee)) return STANDARD_FUNCTIONS.has(callee.text) && scopes.lookup(callee.text, callee) === undefined;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (STANDARD_METHODS.has(callee.name.text)) return true;
  const recv = callee.expression;
  return ts.isIdentifier(recv) && STANDARD_OBJECTS.has(recv.text) && scopes.lookup(recv.text, recv) === undefined;
}
