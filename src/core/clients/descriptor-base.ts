// The base URL a generated client sends a request descriptor to. Generators write the API's server from the spec
// (Front's is https://api2.frontapp.com) into their runtime, and a descriptor (`this.request({ path, method })`)
// only carries the route. Where the base lives, read from each generator's output:
//  - openapi-typescript-codegen: an argument, `__request(OpenAPI, { … })` with `OpenAPI = { BASE: '…' }`;
//  - @hey-api/openapi-ts: the receiver, `(options.client ?? client).get({ url })` with
//    `client = createClient(createConfig({ baseUrl: '…' }))`;
//  - swagger-typescript-api: `this`, a class extending `HttpClient { public baseUrl = '…' }`;
//  - openapi-generator typescript-fetch: `this.configuration.basePath`, a getter whose fallback is
//    `BASE_PATH = "…"` (runtime.ts); every openapi-generator TypeScript template imports that BASE_PATH into the
//    operations' file (typescript-axios: `createRequestFunction(…, globalAxios, BASE_PATH)`).
// Without a base the route alone cannot say which host the request goes to (and so whether a followed 301 changes it).
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import { EMPTY_ENV, type Env, type Evaluator, type Part, type Ref, flatten } from '../values';
import { option } from './options';

/** Option keys a client's configuration names its base URL by. */
const BASE_KEYS = ['baseUrl', 'baseURL', 'basePath', 'BASE', 'base_url', 'baseUri'];
/** Members of a generated API class (`this.…`) that hold it, as paths. */
const MEMBER_PATHS = [...BASE_KEYS.map((k) => [k]), ['configuration', 'basePath'], ['configuration', 'baseUrl'], ['config', 'baseUrl'], ['config', 'baseURL']];

export function descriptorBase(ev: Evaluator, call: ts.CallExpression, descriptor: ts.Expression, ctx: FileContext, env: Env): Part[] | undefined {
  // a configuration object handed along with the descriptor (`__request(OpenAPI, options)`)
  for (const arg of call.arguments) {
    if (arg === descriptor || ts.isSpreadElement(arg)) continue;
    const found = baseOption(ev, ev.deref(arg, ctx, env));
    if (found) return found;
  }
  const callee = skipOuter(call.expression);
  return (ts.isPropertyAccessExpression(callee) ? receiverBase(ev, callee.expression, ctx, env, 0) : undefined) ?? generatorBasePath(ev, ctx);
}

/** openapi-generator's `BASE_PATH`, declared or imported at the top of the operations' file. */
export function generatorBasePath(ev: Evaluator, ctx: FileContext): Part[] | undefined {
  for (const st of ctx.sf.statements) {
    let name: ts.Identifier | undefined;
    if (ts.isImportDeclaration(st)) {
      const named = st.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) name = named.elements.find((e) => e.name.text === 'BASE_PATH')?.name;
    } else if (ts.isVariableStatement(st)) {
      const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === 'BASE_PATH');
      name = d && (d.name as ts.Identifier);
    }
    if (name) return urlOf(ev, ev.deref(name, ctx, EMPTY_ENV, true));
  }
  return undefined;
}

/** The base of the client a method is called on. */
function receiverBase(ev: Evaluator, recv: ts.Expression, ctx: FileContext, env: Env, depth: number): Part[] | undefined {
  const r = skipOuter(recv);
  if (depth > 3) return undefined;
  if (ts.isBinaryExpression(r) && (r.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || r.operatorToken.kind === ts.SyntaxKind.BarBarToken))
    // `options.client ?? client`: the generated default is what runs unless a caller passes its own
    return receiverBase(ev, r.right, ctx, env, depth + 1) ?? receiverBase(ev, r.left, ctx, env, depth + 1);
  const ref = ev.deref(r, ctx, env, true);
  if (ref.kind === 'class') {
    for (const path of MEMBER_PATHS) {
      let m: Ref = ref;
      for (const key of path) m = fallbackValue(ev, ev.member(m, key));
      const found = urlOf(ev, m);
      if (found) return found;
    }
    return undefined;
  }
  if (ref.kind === 'expr') return configuredBase(ev, ref, 0);
  return undefined;
}

/** `createClient(createConfig({ baseUrl }))`, `new HttpClient({ baseURL })`: the base among the maker's arguments. */
function configuredBase(ev: Evaluator, ref: Ref & { kind: 'expr' }, depth: number): Part[] | undefined {
  const e = skipOuter(ref.expr);
  if (depth > 3 || !(ts.isCallExpression(e) || ts.isNewExpression(e))) return undefined;
  for (const arg of e.arguments ?? []) {
    const a = ev.deref(arg, ref.ctx, ref.env, true);
    const found = baseOption(ev, a) ?? (a.kind === 'expr' ? configuredBase(ev, a, depth + 1) : undefined);
    if (found) return found;
  }
  return undefined;
}

function baseOption(ev: Evaluator, ref: Ref): Part[] | undefined {
  for (const key of BASE_KEYS) {
    const o = option(ev, ref, key);
    const found = o && urlOf(ev, { kind: 'expr', ctx: o.ctx, expr: o.value, env: o.env, indirect: true });
    if (found) return found;
  }
  return undefined;
}

/**
 * A getter's value, preferring the fallback it ends with (`basePath` returns the configured path if any, else
 * BASE_PATH): what runs when the application configures nothing.
 */
function fallbackValue(ev: Evaluator, ref: Ref): Ref {
  if (ref.kind !== 'function' || !ts.isGetAccessorDeclaration(ref.node) || !ref.node.body) return ref;
  const ret = ref.node.body.statements.find(ts.isReturnStatement)?.expression;
  if (!ret) return ref;
  let e = skipOuter(ret);
  if (ts.isConditionalExpression(e)) e = e.whenFalse;
  else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) e = e.right;
  return ev.deref(e, ref.ctx, ref.env ?? EMPTY_ENV, true);
}

/** A value that evaluates to an absolute URL (`https://…`): the base. */
function urlOf(ev: Evaluator, ref: Ref): Part[] | undefined {
  if (ref.kind !== 'expr') return undefined;
  const parts = ev.evaluateString(ref.expr, ref.ctx, ref.env);
  return /^[a-z][a-z0-9+.-]*:\/\/[^/\uE000]/i.test(flatten(parts)) ? parts : undefined;
}
