// A request described by an object literal and handed to a function whose way of sending it we cannot follow:
// the runtimes of generated OpenAPI clients (`this.request({ path, method: 'POST' })` in openapi-generator's
// typescript-fetch and swagger-typescript-api, `__request(OpenAPI, { method, url })` in openapi-typescript-codegen,
// `(options.client ?? client).post({ url: '/contacts/{contact_id}/notes' })` in @hey-api/openapi-ts) and
// hand-written SDK cores alike. All of them end in fetch or axios with the default redirect handling: they follow
// the 301, and a followed POST comes back a GET. Used only where following the call finds no request of its own
// (see RequestSummaries), so a wrapper we can read is judged by what it really does.
import { ts, skipOuter } from '../ts';
import { declTarget, type FileContext } from '../files';
import { enclosingClass, type Env, type Evaluator, type Part, type Ref } from '../values';
import { generatedDefaultBase, hasScheme } from './generated-base';
import { chooseServer, classSettings, heyApiSettings, type ServerSetting } from './generated-server';
import { callerValues } from '../callers';
import type { RequestInfo } from './model';
import { joinBase, lastOption, literalUpper, mayBeOptionsObject, methodOfVerb, numberValue, option, stopsFollowing, stringValue, VERBS, type OptionValue } from './options';

/** The route keys generators use: `url` (codegen, hey-api), `path` (typescript-fetch, swagger-typescript-api), `uri`. */
const ROUTE_KEYS = ['url', 'path', 'uri'];

export function describeRequestDescriptor(ev: Evaluator, call: ts.CallExpression, ctx: FileContext, env: Env): RequestInfo | undefined {
  const callee = skipOuter(call.expression);
  const verb = ts.isPropertyAccessExpression(callee) && VERBS.has(callee.name.text) ? callee.name.text : undefined;
  for (const arg of call.arguments.slice(0, 2)) {
    if (ts.isSpreadElement(arg) || !mayBeOptionsObject(arg)) continue;
    const cfg = ev.deref(arg, ctx, env);
    if (cfg.kind !== 'expr' || !ts.isObjectLiteralExpression(skipOuter(cfg.expr))) continue;
    const route = routeOption(ev, cfg);
    const m = option(ev, cfg, 'method');
    if (!route || (!m && !verb)) continue;
    const method = m ? literalUpper(ev, m) : methodOfVerb(verb!);
    const info: RequestInfo = {
      client: 'http-helper', call, ctx, url: ev.evaluateString(route.value, route.ctx, route.env), method,
      follows: true, rewritesPost: true, rewritesAllMethods: false, baseUnknown: true,
    };
    // The configuration the receiver was made with (`createClient(createConfig({ baseUrl }))` in a hey-api
    // client.gen.ts): its base URL is the request's host, and its redirect options apply unless the call's own do.
    const made = ts.isPropertyAccessExpression(callee) ? madeClient(ev, callee.expression, ctx, env, 0) : undefined;
    const all = [...(made?.configs ?? []), cfg];
    const baseKey = made && BASE_KEYS.find((k) => lastOption(ev, made.configs, k));
    let base: Part[] | undefined;
    if (made && baseKey) {
      const b = lastOption(ev, made.configs, baseKey)!;
      // …unless the application moves the client elsewhere (`client.setConfig({ baseUrl })`), or passes its own
      // client to the operation (`getContact({ client, path })`, the `options.client` of `options.client ?? client`)
      const defaultClient = chooseServer(ev.evaluateString(b.value, b.ctx, b.env), made.name ? heyApiSettings(ev, made.init, made.ctx, made.name) : []);
      base = ts.isPropertyAccessExpression(callee) ? chooseServer(defaultClient, passedClients(ev, callee.expression, ctx, env)) : defaultClient;
    } else {
      // the generated client's own default server (BASE_PATH, HttpClient.baseUrl): the spec's, Front's api2, unless
      // the application makes the API class with another (`new ContactsApi(new Configuration({ basePath }))`)
      const generated = generatedDefaultBase(ev, call, ctx, env);
      if (generated) base = chooseServer(generated, classSettings(ev, ctx, enclosingClass(call), []));
    }
    if (base && info.url && (baseKey || !hasScheme(info.url))) {
      info.base = base;
      info.url = joinBase(base, info.url, true);
      info.baseUnknown = false;
    }
    const mr = lastOption(ev, all, 'maxRedirects');
    if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
    const redirect = lastOption(ev, all, 'redirect');
    const rv = redirect && stringValue(ev, redirect);
    if (redirect && (rv === 'manual' || rv === 'error')) stopsFollowing(info, redirect);
    return info;
  }
  return undefined;
}

/** The option naming the route; `path: { contact_id }` (codegen's path parameters) is not one. */
function routeOption(ev: Evaluator, cfg: Ref): OptionValue | undefined {
  for (const key of ROUTE_KEYS) {
    const o = option(ev, cfg, key);
    if (o && !ts.isObjectLiteralExpression(skipOuter(o.value))) return o;
  }
  return undefined;
}

/** Base URL keys of generated clients' configurations (hey-api and openapi-fetch `baseUrl`, axios `baseURL`). */
const BASE_KEYS = ['baseUrl', 'baseURL'];

/**
 * The clients callers hand a hey-api operation in place of the default (`(options.client ?? client).get(…)`): for each
 * call site of the operation, the server of the client it passes, or 'default' when it passes none.
 */
function passedClients(ev: Evaluator, recv: ts.Expression, ctx: FileContext, env: Env): ServerSetting[] {
  const e = skipOuter(recv);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken) return [];
  const given = ev.deref(e.left, ctx, env, true);
  const values = given.kind === 'param' ? callerValues(ev, given) : given.kind === 'expr' ? [given] : [];
  return values.map((v) => {
    const made = v.kind === 'expr' ? madeClient(ev, v.expr, v.ctx, v.env, 0) : undefined;
    const b = made && lastOption(ev, made.configs, 'baseUrl');
    return b ? ev.evaluateString(b.value, b.ctx, b.env) : 'default';
  });
}

/** A client as it was made: the `createClient(…)` call, its file, the name it is exported by, its option objects. */
interface MadeClient {
  init: ts.Expression;
  ctx: FileContext;
  name?: string;
  configs: Ref[];
}

/**
 * The option objects a client was made from, read from where it is declared (also in another file):
 * `export const client = createClient(createConfig({ baseUrl: 'https://api2.frontapp.com' }))` gives the inner
 * object, and `createClient(createClientConfig(createConfig({…})))` also the object the app's createClientConfig
 * returns, which applies last. `options.client ?? client` is the default client. Syntactic on purpose: evaluating the
 * factory call would enter the generated runtime and return the client object, which no longer shows its configuration.
 */
function madeClient(ev: Evaluator, recv: ts.Expression, ctx: FileContext, env: Env, depth: number, name?: string): MadeClient | undefined {
  if (depth > 4) return undefined;
  const e = skipOuter(recv);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return madeClient(ev, e.right, ctx, env, depth + 1);
  }
  if (ts.isIdentifier(e)) {
    const decl = ctx.lookup(e.text, e);
    if (decl?.kind === 'var' && decl.init && decl.path.length === 0) return madeClient(ev, decl.init, decl.ctx, env, depth + 1, e.text);
    if (decl?.kind === 'import') {
      const t = declTarget(decl);
      if (t?.kind === 'expr' && t.path.length === 0) {
        const exported = t.expr.parent && ts.isVariableDeclaration(t.expr.parent) && ts.isIdentifier(t.expr.parent.name) ? t.expr.parent.name.text : undefined;
        return madeClient(ev, t.expr, t.ctx, env, depth + 1, exported);
      }
    }
    return undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const configs: Ref[] = [];
  for (const arg of e.arguments) configObjects(ev, arg, ctx, env, configs, 0);
  return { init: e, ctx, name, configs };
}

/** The option objects an argument of a client factory stands for, in the order they apply. */
function configObjects(ev: Evaluator, arg: ts.Expression, ctx: FileContext, env: Env, out: Ref[], depth: number): void {
  const a = skipOuter(arg);
  if (ts.isCallExpression(a)) {
    if (depth > 2) return;
    // createConfig({ … }): the factory's own options are the inner object
    for (const inner of a.arguments) configObjects(ev, inner, ctx, env, out, depth + 1);
    // createClientConfig(…), a function of the application's: the object it returns applies over them
    const callee = ev.deref(a.expression, ctx, env, true);
    if (callee.kind === 'function') {
      const r = ev.deref(a, ctx, env, true);
      if (r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))) out.push(r);
    }
    return;
  }
  const r = ev.deref(arg, ctx, env, true);
  if (r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))) out.push(r);
}
