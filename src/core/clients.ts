// HTTP client models: for a call expression, which client makes the request, to which URL, with which
// method, and whether a 301 will be followed. Clients are recognised by what was imported or required
// (or the global fetch), never by variable names. Each client is a model in ./clients/ (registered in
// ./clients/index.ts); this is the engine's entry, which finds the model of a call and asks it.
import { ts, skipOuter } from './ts';
import type { FileContext } from './files';
import { Evaluator, Env, Ref, EMPTY_ENV, flatten } from './values';
import type { Client, ClientCall, ClientKind, ClientModel, RequestInfo } from './clients/model';
import { CLIENT_MODELS } from './clients/index';
import { NEST_HTTP_MODULE } from './clients/nestjs-http';
import { callerValues } from './callers';

export type { ClientKind, OptionSite, RequestInfo } from './clients/model';
export { option, type OptionValue } from './clients/options';

/** Methods HTTP clients are called by (verbs, `request`, platform helpers): what an injected client's callers are looked up for. */
const CLIENT_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'fetch', 'send', 'sendRequest',
  'httpRequest', 'httpRequestWithAuthentication', 'requestWithAuthentication', 'stream', 'extend', 'create',
  'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'postForm', 'putForm', 'patchForm', 'agent',
]);

const MODEL_OF = new Map<ClientKind, ClientModel>(CLIENT_MODELS.map((m) => [m.kind, m]));
const BY_ARGUMENTS = CLIENT_MODELS.filter((m) => m.byArguments);

export class ClientModels {
  constructor(private readonly ev: Evaluator) {}

  private readonly paramCache = new Map<ts.Node, Map<string, Ref[]>>();

  /** What the callers of a parameter's function pass for it (callers.ts), once per run. */
  paramValues(ref: Ref & { kind: 'param' }): Ref[] {
    if (!ref.decl) return [];
    let byPath = this.paramCache.get(ref.decl);
    if (!byPath) this.paramCache.set(ref.decl, (byPath = new Map()));
    const key = ref.path.join('.');
    let values = byPath.get(key);
    if (!values) {
      byPath.set(key, []); // cycle guard: a parameter passed on to itself
      values = callerValues(this.ev, ref);
      byPath.set(key, values);
    }
    return values;
  }

  /** What kind of client a reference is, following `create`/`extend`/`defaults` chains. */
  clientOf(ref: Ref, depth = 0): Client | undefined {
    if (depth > 6) return undefined;
    if (ref.kind === 'param') {
      // An injected client (`createHandlers(http)`, `constructor(client)`): what the callers pass, else what its type says.
      for (const v of this.paramValues(ref)) {
        const c = this.clientOf(v, depth + 1);
        if (c) return c;
      }
      return ref.fallback ? this.clientOf(ref.fallback, depth + 1) : undefined;
    }
    if (ref.kind === 'package') return packageClient(ref.module, ref.path);
    if (ref.kind === 'instance') {
      const c = packageClient(ref.module, []);
      // NestJS's HttpService: configured by the module that provides it (clients/nestjs-http.ts)
      const config: Ref = ref.module === '@nestjs/axios' ? { kind: 'unknown', name: NEST_HTTP_MODULE } : { kind: 'unknown' };
      return c && { ...c, configs: [{ ref: config }] };
    }
    if (ref.kind === 'global') {
      const model = CLIENT_MODELS.find((m) => m.fromGlobal?.(ref.name, ref.path));
      return model && { kind: model.kind, configs: [], names: [] };
    }
    if (ref.kind === 'expr') {
      const e = skipOuter(ref.expr);
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
        // `options.fetch ?? globalThis.fetch`, `(this.configuration.fetchApi || fetch)`: the default is what usually runs
        return this.clientOf(this.ev.deref(e.right, ref.ctx, ref.env, true), depth + 1) ?? this.clientOf(this.ev.deref(e.left, ref.ctx, ref.env, true), depth + 1);
      }
      if (ts.isConditionalExpression(e))
        return this.clientOf(this.ev.deref(e.whenFalse, ref.ctx, ref.env, true), depth + 1) ?? this.clientOf(this.ev.deref(e.whenTrue, ref.ctx, ref.env, true), depth + 1);
      if (!ts.isCallExpression(e)) return undefined;
      const c0 = skipOuter(e.expression);
      if (ts.isPropertyAccessExpression(c0) && c0.name.text === 'bind') {
        // `globalThis.fetch.bind(globalThis)`: the same client
        const bound = this.clientOf(this.ev.deref(c0.expression, ref.ctx, ref.env, true), depth + 1);
        if (bound) return bound;
      }
      const callee = skipOuter(e.expression);
      if (!ts.isPropertyAccessExpression(callee)) {
        // `createClient({ baseUrl })` of a client whose package export makes instances when called
        const maker = this.clientOf(this.ev.deref(callee, ref.ctx, ref.env, true), depth + 1);
        const makerModel = maker && MODEL_OF.get(maker.kind)!;
        if (!maker || !makerModel?.calledMakesInstance) return undefined;
        if (makerModel.chained) return { kind: maker.kind, configs: [], names: [], chain: [{ call: e, ctx: ref.ctx, env: ref.env }] };
        const cfg = e.arguments[0];
        return { kind: maker.kind, configs: cfg ? [{ ref: this.ev.deref(cfg, ref.ctx, ref.env, true) }] : [], names: [] };
      }
      const parent = this.clientOf(this.ev.deref(callee.expression, ref.ctx, ref.env, true), depth + 1);
      return parent && this.instanceCall(parent, callee.name.text, e, ref.ctx, ref.env);
    }
    return undefined;
  }

  /** `parent.method(…)` as a client: a configured instance (`axios.create(config)`), or none. */
  private instanceCall(parent: Client, method: string, call: ts.CallExpression, ctx: FileContext, env: Env): Client | undefined {
    const model = MODEL_OF.get(parent.kind)!;
    const same = model.sameInstance?.(parent, method, call, ctx, env);
    if (same) return same;
    if (!model.factories.includes(method)) return undefined;
    const cfg = call.arguments[0];
    const added = cfg ? this.ev.deref(cfg, ctx, env, true) : model.configWithoutArgument?.(ctx);
    return { kind: parent.kind, configs: added ? [...parent.configs, { ref: added }] : parent.configs, names: parent.names };
  }

  /** The request a call makes, if it is a call of a known client. */
  request(call: ts.CallExpression, ctx: FileContext, env: Env = EMPTY_ENV): RequestInfo | undefined {
    const callee = skipOuter(call.expression);
    // Direct call of a client: fetch(url), axios(cfg), got(url), request(opts), needle('get', url) …
    const calleeRef = this.ev.deref(callee, ctx, env);
    // A parameter called directly is a client only when it is given a URL (`fetchImpl(url, init)`), not `done()`, `cb(err)`
    const direct = calleeRef.kind === 'param' && !mayBeUrl(call.arguments[0]) ? undefined : this.clientOf(calleeRef);
    if (direct) {
      direct.names = bindingNames(callee);
      return this.withInstance(this.describe(direct, undefined, call, ctx, env, callee), callee, ctx);
    }
    // `customFetch = (...args) => fetch(...args)`: a function that only hands its arguments on is the client it calls
    const forwarded = calleeRef.kind === 'function' ? forwardedCallee(calleeRef.node) : undefined;
    if (forwarded && calleeRef.kind === 'function') {
      const info = this.forwardedRequest(forwarded, calleeRef.ctx, calleeRef.env, call, ctx, env, callee);
      if (info) return info;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const verb = callee.name.text;
      const recvRef = this.ev.deref(callee.expression, ctx, env);
      // A parameter's callers are looked up only for what a client is called with (`http.get`, `client.request`):
      // `res.send(…)`, `props.onChange(…)` are not requests.
      const client = recvRef.kind === 'param' && !(CLIENT_METHODS.has(verb) && mayBeRequestArgument(call.arguments[0])) ? undefined : this.clientOf(recvRef);
      if (client) {
        client.names = bindingNames(callee.expression);
        return this.withInstance(this.describe(client, verb, call, ctx, env, undefined), callee.expression, ctx);
      }
    }
    // No known client: one recognised by its arguments (an HTTP helper called with an axios-style config)?
    for (const model of BY_ARGUMENTS) {
      const info = model.describe(this.callOf({ kind: model.kind, configs: [], names: [] }, undefined, call, ctx, env, undefined));
      if (info) return info;
    }
    return undefined;
  }

  /** The request `call` makes through a forwarding function whose body calls `inner` (`fetch`, `axios.get`) with the same arguments. */
  private forwardedRequest(inner: ts.Expression, ictx: FileContext, ienv: Env, call: ts.CallExpression, ctx: FileContext, env: Env,
    callee: ts.Expression): RequestInfo | undefined {
    const target = skipOuter(inner);
    const client = this.clientOf(this.ev.deref(target, ictx, ienv));
    if (client) return this.describe(client, undefined, call, ctx, env, callee);
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const recv = this.clientOf(this.ev.deref(target.expression, ictx, ienv));
    return recv ? this.describe(recv, target.name.text, call, ctx, env, undefined) : undefined;
  }

  /** Where an axios instance is declared (for installing the runtime helper on it), and whether it already is. */
  private withInstance(info: RequestInfo | undefined, recv: ts.Expression, ctx: FileContext): RequestInfo | undefined {
    if (info?.client === 'got') return withRuntimeWrap(info, recv, ctx, 'withGotContactRedirects');
    // node:http's module is wrapped (`https` of `https.request(…)`), never a bare `request` (`import { request } from 'https'`)
    if (info?.client === 'http' && ts.isCallExpression(info.call)) {
      const callee = skipOuter(info.call.expression);
      const module = ts.isPropertyAccessExpression(callee) ? callee.expression : skipOuter(recv) !== callee ? recv : undefined;
      return module ? withRuntimeWrap(info, module, ctx, 'withHttpContactRedirects') : info;
    }
    // needle: `needle(…)` itself, or the module of `needle.post(…, callback)` (a shortcut without a callback returns a
    // stream, which the wrapper passes through untouched)
    if (info?.client === 'needle' && ts.isCallExpression(info.call)) {
      const callee = skipOuter(info.call.expression);
      const last = info.call.arguments[info.call.arguments.length - 1];
      const callback = !!last && ts.isFunctionLike(skipOuter(last));
      if (!ts.isPropertyAccessExpression(callee)) return ts.isIdentifier(callee) ? withRuntimeWrap(info, callee, ctx, 'withNeedleContactRedirects') : info;
      return callback || callee.name.text === 'request' ? withRuntimeWrap(info, callee.expression, ctx, 'withNeedleContactRedirects') : info;
    }
    if (!info || info.client !== 'axios') return info;
    const r = skipOuter(recv);
    if (ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword) return withClassField(info, r, ctx);
    if (!ts.isIdentifier(r)) return info;
    const name = r.text;
    const esc = name.replace(/[$]/g, '\\$');
    info.helperInstalled = ctx.textTest(new RegExp(`\\b(installContactRedirects|contactRedirectsInterceptor)\\s*\\(\\s*${esc}\\b`), [name, 'ontactRedirects']);
    const decl = ctx.lookup(name, r);
    const stmt = decl && ts.isVariableDeclaration(decl.node) && decl.node.parent.parent && ts.isVariableStatement(decl.node.parent.parent) &&
      decl.node.parent.parent.parent === ctx.sf ? decl.node.parent.parent : undefined;
    if (decl?.kind === 'import' && decl.module === 'axios') info.axiosInstance = { name, after: stmt, isModule: true };
    else if (decl?.kind === 'var' && stmt) info.axiosInstance = { name, after: stmt, isModule: false };
    return info;
  }

  private describe(c: Client, verb: string | undefined, call: ts.CallExpression, ctx: FileContext, env: Env,
    wrapTarget: ts.Expression | undefined): RequestInfo | undefined {
    return MODEL_OF.get(c.kind)!.describe(this.callOf(c, verb, call, ctx, env, wrapTarget));
  }

  private callOf(client: Client, verb: string | undefined, call: ts.CallExpression, ctx: FileContext, env: Env,
    wrapTarget: ts.Expression | undefined): ClientCall {
    const ev = this.ev;
    const configs = client.configs.map((x) => x.ref);
    const baseUnknown = configs.some((r) => !(r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))));
    return {
      ev, client, verb, call, args: call.arguments, ctx, env, wrapTarget, configs,
      initial: { client: client.kind, call, ctx, follows: true, rewritesAllMethods: false, rewritesPost: false, baseUnknown },
      str: (e) => (e ? ev.evaluateString(e, ctx, env) : undefined),
      obj: (e) => (e ? ev.deref(e, ctx, env) : undefined),
    };
  }
}

/** Where a runtime wrapper goes: around the instance's (module's) initializer in this file, or the receiver itself. */
function withRuntimeWrap(info: RequestInfo, recv: ts.Expression, ctx: FileContext, helper: NonNullable<RequestInfo['runtimeWrap']>['helper']): RequestInfo {
  const r = skipOuter(recv);
  let target: ts.Expression = r;
  if (ts.isIdentifier(r)) {
    const decl = ctx.lookup(r.text, r);
    if (decl?.kind === 'var' && decl.path.length === 0 && ts.isVariableDeclaration(decl.node) && decl.node.initializer && decl.ctx === ctx) target = decl.node.initializer;
  }
  info.runtimeWrap = { helper, target };
  return info;
}

/**
 * `this.http.get(…)` where the class assigns `this.http = axios.create(…)` in its constructor: the helper is
 * installed right after that assignment.
 */
function withClassField(info: RequestInfo, recv: ts.PropertyAccessExpression, ctx: FileContext): RequestInfo {
  const field = recv.name.text;
  const name = `this.${field}`;
  info.helperInstalled = ctx.textTest(new RegExp(`\\b(installContactRedirects|contactRedirectsInterceptor)\\s*\\(\\s*this\\.${field.replace(/[$]/g, '\\$')}\\b`), [field, 'ontactRedirects']);
  let cls: ts.Node | undefined = recv.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  const ctor = cls && (cls as ts.ClassLikeDeclaration).members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
  const assignment = ctor?.body?.statements.find((s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) &&
    s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(s.expression.left) &&
    s.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword && s.expression.left.name.text === field);
  if (assignment) info.axiosInstance = { name, after: assignment, isModule: false };
  else if (ctor?.body) {
    // `constructor(private readonly http: HttpService)`: NestJS's injected client, whose axios instance is `axiosRef`
    const injected = ctor.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === field && ts.getModifiers(p)?.length &&
      p.type && ts.isTypeReferenceNode(p.type) && p.type.typeName.getText(ctx.sf) === 'HttpService');
    if (injected) {
      const ref = `this.${field}.axiosRef`;
      info.axiosInstance = { name: ref, into: ctor.body, isModule: false };
      info.helperInstalled ||= ctx.textTest(new RegExp(`\\b(installContactRedirects|contactRedirectsInterceptor)\\s*\\(\\s*this\\.${field.replace(/[$]/g, '\\$')}\\.axiosRef\\b`), [field, 'ontactRedirects']);
    }
  }
  return info;
}

/** Whether a package export is a client a model describes (`axios`, `@activepieces/pieces-common` `httpClient`). */
export function isClientPackage(module: string, name: string): boolean {
  return CLIENT_MODELS.some((m) => m.fromPackage(module, name));
}

/** The client a package export is (`import axios from 'axios'`, `import { fetch } from 'undici'`). */
function packageClient(module: string, path: string[]): Client | undefined {
  const p = path.join('.');
  const model = CLIENT_MODELS.find((m) => m.fromPackage(module, p));
  return model && { kind: model.kind, configs: [], names: [] };
}

function bindingNames(e: ts.Expression): string[] {
  e = skipOuter(e);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? [e.getText()] : [];
}

/**
 * A request whose URL is a bare path (`/contacts/1`) through a client without a base URL goes to the page's
 * own origin (browser) or fails (Node): it never reaches Front, whatever the file says about Front.
 */
export function goesToOwnOrigin(info: RequestInfo): boolean {
  if (!info.url || info.base || info.baseUnknown) return false;
  const flat = flatten(info.url);
  // must start with written path text ('http' + 's://…' is a URL, `${BASE}/…` may be anything)
  if (!info.url[0] || info.url[0].kind !== 'lit') return false;
  return /^(\/(?!\/)|\.{1,2}\/|[a-z0-9_-]+(\/|$))/i.test(flat) && !/^[a-z][a-z0-9+.-]*:/i.test(flat);
}

/**
 * The callee of a function that does nothing but hand all its arguments to one call: `(...args) => fetch(...args)`,
 * `function send(...a) { return axios.post(...a); }`. Undefined for any other function.
 */
function forwardedCallee(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const [rest, ...others] = fn.parameters;
  if (!rest || others.length || !rest.dotDotDotToken || !ts.isIdentifier(rest.name) || !fn.body) return undefined;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1) return undefined;
    const st = body.statements[0];
    body = ts.isReturnStatement(st) && st.expression ? st.expression : ts.isExpressionStatement(st) ? st.expression : st;
  }
  const inner = ts.isExpression(body as ts.Expression) ? skipOuter(body as ts.Expression) : undefined;
  if (!inner || !ts.isCallExpression(inner) || inner.arguments.length !== 1) return undefined;
  const arg = inner.arguments[0];
  return ts.isSpreadElement(arg) && ts.isIdentifier(skipOuter(arg.expression)) && (skipOuter(arg.expression) as ts.Identifier).text === rest.name.text
    ? inner.expression : undefined;
}

/** Whether an argument can be a URL, by its shape: a string with a slash, a template, a concatenation, a URL-ish name. */
function mayBeUrl(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  e = skipOuter(e);
  if (ts.isStringLiteralLike(e)) return e.text.includes('/');
  if (ts.isTemplateExpression(e) || ts.isNewExpression(e)) return true;
  if (ts.isBinaryExpression(e)) return e.operatorToken.kind === ts.SyntaxKind.PlusToken;
  if (ts.isCallExpression(e)) return true;
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  return /url|uri|path|endpoint|href|route|input|resource|request/i.test(name);
}

/** What a client method is called with first: a URL, or a request's options (`http.request({ method, url })`). */
export function mayBeRequestArgument(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = skipOuter(e);
  if (ts.isObjectLiteralExpression(x)) return true;
  // method-first wrappers: `client.request('GET', path)`, `send(method, path)`, `HttpMethod.POST`
  if (ts.isStringLiteralLike(x) && /^(get|post|put|patch|delete|head|options)$/i.test(x.text)) return true;
  if ((ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) && /opt|config|cfg|req|param|settings|init|method|verb|^(GET|POST|PUT|PATCH|DELETE)$/i.test(ts.isIdentifier(x) ? x.text : x.name.text)) return true;
  return mayBeUrl(e);
}
