// Reading a client's options: a key of an options object (through names and spreads), of the last of
// several (instance configuration, then the call's own), and the few value shapes that decide redirects.
import { ts, skipOuter, propertyNameText } from '../ts';
import type { FileContext } from '../files';
import { Evaluator, Env, Part, Ref, flatten, isDefaultedToEmpty, isNewUrl } from '../values';
import type { OptionSite, RequestInfo } from './model';

export interface OptionValue {
  value: ts.Expression;
  ctx: FileContext;
  env: Env;
  /** The property node, when it is written in an object literal. */
  prop?: ts.ObjectLiteralElementLike;
}

/** A property of an options object (following names and spreads). */
export function option(ev: Evaluator, ref: Ref, key: string): OptionValue | undefined {
  if (ref.kind !== 'expr' || ref.omit?.includes(key)) return undefined;
  const e = skipOuter(ref.expr);
  // `config ?? {}`: the empty default sets nothing
  if (isDefaultedToEmpty(e)) return option(ev, ev.deref(e.left, ref.ctx, ref.env, true), key);
  if (isObjectAssign(e) || isMergeCall(ev, e, ref)) {
    // `Object.assign({}, DEFAULTS, options)`: the last source that sets the key wins, then the target
    for (let i = e.arguments.length - 1; i >= 0; i--) {
      const a = e.arguments[i];
      if (ts.isSpreadElement(a)) continue;
      const inner = option(ev, ev.deref(a, ref.ctx, ref.env, true), key);
      if (inner) return inner;
    }
    return undefined;
  }
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  for (let i = e.properties.length - 1; i >= 0; i--) {
    const p = e.properties[i];
    if (ts.isSpreadAssignment(p)) {
      const inner = option(ev, ev.deref(p.expression, ref.ctx, ref.env, true), key);
      if (inner) return inner;
      continue;
    }
    if (propertyNameText(p.name) !== key) continue;
    if (ts.isPropertyAssignment(p)) return { value: p.initializer, ctx: ref.ctx, env: ref.env, prop: p };
    if (ts.isShorthandPropertyAssignment(p)) return { value: p.name, ctx: ref.ctx, env: ref.env, prop: p };
  }
  return undefined;
}

/** Merging helpers whose later sources win, like Object.assign: lodash's merge/assign/extend, deepmerge. */
const MERGE_EXPORTS = new Map<string, readonly string[]>([
  ['lodash', ['merge', 'assign', 'assignIn', 'extend']],
  ['lodash-es', ['merge', 'assign', 'assignIn', 'extend']],
  ['lodash/merge', ['']],
  ['lodash/assign', ['']],
  ['lodash.merge', ['']],
  ['lodash.assign', ['']],
  ['deepmerge', ['']],
]);

/** `merge({}, DEFAULTS, options)` with one of MERGE_EXPORTS. */
function isMergeCall(ev: Evaluator, e: ts.Expression, ref: Ref & { kind: 'expr' }): e is ts.CallExpression {
  if (!ts.isCallExpression(e) || e.arguments.length < 2) return false;
  const callee = ev.deref(e.expression, ref.ctx, ref.env, true);
  if (callee.kind !== 'package') return false;
  return MERGE_EXPORTS.get(callee.module)?.includes(callee.path.join('.')) ?? false;
}

/** `Object.assign(target, …sources)`. */
function isObjectAssign(e: ts.Expression): e is ts.CallExpression {
  if (!ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}

/**
 * Whether an argument can stand for an options object: a literal, a function, an array, arithmetic or a `new`
 * never does. Asked before following the argument's names (the costly part) for every call of unknown functions.
 */
export function mayBeOptionsObject(e: ts.Expression): boolean {
  const x = skipOuter(e);
  switch (x.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.JsxElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxFragment:
      return false;
    case ts.SyntaxKind.BinaryExpression: {
      // `a ?? b`, `a || b`, `a && b`, `(x, y)` may be either operand; arithmetic and comparisons are not objects
      const op = (x as ts.BinaryExpression).operatorToken.kind;
      return op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken;
    }
    default:
      return true;
  }
}

/** The option as it applies when several objects configure a request: the last one that sets it wins. */
export function lastOption(ev: Evaluator, refs: Ref[], key: string): OptionValue | undefined {
  for (let i = refs.length - 1; i >= 0; i--) {
    const o = option(ev, refs[i], key);
    if (o) return o;
  }
  return undefined;
}

/** Where an option is written, for messages and for the edit that removes it. */
export function site(o: OptionValue): OptionSite {
  return { node: o.prop ?? o.value, ctx: o.ctx, text: (o.prop ?? o.value).getText(o.ctx.sf) };
}

/** The request's method: the verb method's (`axios.post`), else the last `method` option, else GET. */
export function requestMethod(ev: Evaluator, all: Ref[], verbMethod?: string): string | undefined {
  const m = lastOption(ev, all, 'method');
  return verbMethod ?? (m ? literalUpper(ev, m) : 'GET');
}

/** An option that turns redirects off: the request does not follow, and the option is why. */
export function stopsFollowing(info: RequestInfo, o: OptionValue): void {
  info.follows = false;
  info.disabledBy = site(o);
}

// ---------------------------------------------------------------- values

export function stringValue(ev: Evaluator, o: OptionValue): string | undefined {
  const parts = ev.evaluateString(o.value, o.ctx, o.env);
  return parts.every((p) => p.kind === 'lit') ? flatten(parts) : undefined;
}

const HTTP_VERBS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/** A `method` option, upper-case. */
export function literalUpper(ev: Evaluator, o: OptionValue): string | undefined {
  const parts = ev.evaluateString(o.value, o.ctx, o.env);
  if (parts.every((p) => p.kind === 'lit')) return flatten(parts).toUpperCase();
  // An enum member we cannot read: HttpMethod.POST, Verb.POST
  if (parts.length === 1 && parts[0].kind === 'hole' && parts[0].name && HTTP_VERBS.test(parts[0].name)) return parts[0].name;
  return undefined;
}

/** A method argument (`needle('post', url)`), upper-case. */
export function literalUpperExpr(ev: Evaluator, e: ts.Expression | undefined, ctx: FileContext, env: Env): string | undefined {
  if (!e) return undefined;
  const parts = ev.evaluateString(e, ctx, env);
  return parts.every((p) => p.kind === 'lit') ? flatten(parts).toUpperCase() : undefined;
}

export function numberValue(e: ts.Expression): number | undefined {
  e = skipOuter(e);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  return undefined;
}

export function isFalse(e: ts.Expression): boolean {
  return skipOuter(e).kind === ts.SyntaxKind.FalseKeyword;
}
export function isTrue(e: ts.Expression): boolean {
  return skipOuter(e).kind === ts.SyntaxKind.TrueKeyword;
}

/** A URL argument rather than an options object: anything but an object literal (names may hide either). */
export function isStringish(e: ts.Expression, ev: Evaluator, ctx: FileContext, env: Env): boolean {
  const r = ev.deref(e, ctx, env);
  return !(r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr)));
}

export function isUrlObject(e: ts.Expression, ev: Evaluator, ctx: FileContext, env: Env): boolean {
  const r = ev.deref(e, ctx, env);
  return r.kind === 'expr' && isNewUrl(r.expr);
}

// ---------------------------------------------------------------- verbs and base URLs

/** Methods of a client named after the HTTP verb they send (`axios.post`, `got.delete`, `superagent.del`). */
export const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/** The HTTP method a verb method sends: `del` is DELETE, axios's `postForm` is POST. */
export function methodOfVerb(verb: string): string {
  const u = verb.toUpperCase();
  return u === 'DEL' ? 'DELETE' : u.replace(/FORM$/, '');
}

/**
 * The base URL option that applies (axios `baseURL`, got/ky `prefixUrl` …) and the URL the client makes of it:
 * `alwaysJoin` for clients that prefix absolute URLs too.
 */
export function applyBase(ev: Evaluator, info: RequestInfo, all: Ref[], key: string, alwaysJoin: boolean): void {
  const b = lastOption(ev, all, key);
  if (b) info.base = ev.evaluateString(b.value, b.ctx, b.env);
  if (info.base && info.url) info.url = joinBase(info.base, info.url, alwaysJoin);
}

/** baseURL/prefixUrl + relative path, as the client joins them. Absolute URLs ignore the base. */
export function joinBase(base: Part[], url: Part[], alwaysJoin: boolean): Part[] {
  const u = flatten(url);
  if (!alwaysJoin && /^([a-z][a-z0-9+.-]*:)?\/\//i.test(u)) return url;
  const b = flatten(base);
  const needSlash = !b.endsWith('/') && !u.startsWith('/');
  const mark = (p: Part): Part => ({ ...p, indirect: true });
  const out = base.map(mark);
  if (needSlash) out.push({ kind: 'lit', text: '/', anchor: base[0].anchor, indirect: true });
  return [...out, ...url];
}

/**
 * The options object, written as a literal, where a fetch-based client can be given its `fetch` (the last of the
 * instance's configurations and the call's own), unless one already sets it.
 */
export function fetchOptionsObject(ev: Evaluator, refs: Ref[]): ts.ObjectLiteralExpression | undefined {
  if (lastOption(ev, refs, 'fetch')) return undefined;
  for (let i = refs.length - 1; i >= 0; i--) {
    const r = refs[i];
    if (r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))) return skipOuter(r.expr) as ts.ObjectLiteralExpression;
  }
  return undefined;
}

/** The client is given the runtime helper's fetch (`fetch: withContactRedirects(fetch)`): its requests are handled. */
export function fetchOptionWrapped(ev: Evaluator, refs: Ref[]): boolean {
  const f = lastOption(ev, refs, 'fetch');
  const v = f && skipOuter(f.value);
  return !!v && ts.isCallExpression(v) && ts.isIdentifier(skipOuter(v.expression)) && (skipOuter(v.expression) as ts.Identifier).text === 'withContactRedirects';
}
