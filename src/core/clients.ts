// HTTP client models: for a call expression, which client makes the request, to which URL, with which
// method, and whether a 301 will be followed. Clients are recognised by what was imported or required
// (or the global fetch), never by variable names.
import { ts, skipOuter, propertyNameText } from './ts';
import type { FileContext } from './files';
import { Evaluator, Env, Part, Ref, EMPTY_ENV, flatten, isNewUrl, bindArgs } from './values';
import { callerValues } from './callers';

export type ClientKind =
  | 'fetch' | 'node-fetch' | 'undici-fetch' | 'ky' | 'ofetch'
  | 'axios' | 'got' | 'superagent' | 'needle' | 'request' | 'http' | 'undici-request' | 'http-helper';

/** An option that decides redirect handling, for messages and for the "follow redirects" suggestion. */
export interface OptionSite {
  /** The property assignment (`redirect: 'manual'`) or call (`.redirects(0)`) to remove. */
  node: ts.Node;
  ctx: FileContext;
  text: string;
}

export interface RequestInfo {
  client: ClientKind;
  call: ts.CallExpression;
  ctx: FileContext;
  url?: Part[];
  /** Upper-case; GET when the client's default applies; undefined when unknown. */
  method?: string;
  follows: boolean;
  /** Why it does not follow, when an option says so. */
  disabledBy?: OptionSite;
  /** A following client that also rewrites PATCH/PUT/DELETE to GET. */
  rewritesAllMethods: boolean;
  /** A following client that rewrites POST to GET. */
  rewritesPost: boolean;
  /**
   * got 15+ rewrites POST to GET only when the redirect changes origin (got 14 keeps the POST but drops
   * Authorization there). Front's Location points at api.frontapp.com, so only that origin is safe.
   */
  postRewriteCrossOriginOnly?: boolean;
  /** Base URL parts from the client's configuration (axios baseURL, got/ky prefixUrl), if any. */
  base?: Part[];
  /** Some configuration of the instance could not be read, so it may have a base URL we do not know. */
  baseUnknown?: boolean;
  /** Expression to wrap for the runtime-helper suggestion (`fetch` in `fetch(url)`). */
  wrapTarget?: ts.Expression;
  /** The axios instance (or the axios default export) the request goes through, for the helper suggestion. */
  axiosInstance?: { name: string; after?: ts.Statement; isModule: boolean };
  /** The file already routes this client through front-contacts/runtime (installContactRedirects). */
  helperInstalled?: boolean;
}

interface Client {
  kind: ClientKind;
  /** Instance configuration objects, outermost first (axios.create → instance.create …). */
  configs: Array<{ ref: Ref }>;
  /** Binding the instance is reachable by, for `x.defaults.foo = …` assignments. */
  names: string[];
  /** superagent.agent().redirects(0): the agent's own setting. */
  agentRedirectsOff?: OptionSite;
}

// Methods of a superagent agent that configure it and return it.
const AGENT_SETTERS = new Set(['set', 'use', 'auth', 'accept', 'type', 'timeout', 'retry', 'ok', 'query', 'withCredentials', 'ca', 'key', 'cert', 'pfx', 'redirects', 'on']);

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);
const AXIOS_DATA_VERBS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function upper(m: string): string {
  const u = m.toUpperCase();
  return u === 'DEL' ? 'DELETE' : u.replace(/FORM$/, '');
}

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
      return c && { ...c, configs: [{ ref: { kind: 'unknown' } }] };
    }
    if (ref.kind === 'global') {
      if (ref.path.length === 0 && ref.name === 'fetch') return { kind: 'fetch', configs: [], names: [] };
      return undefined;
    }
    if (ref.kind === 'expr') {
      const e = skipOuter(ref.expr);
      if (ts.isCallExpression(e)) {
        const callee = skipOuter(e.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          const m = callee.name.text;
          const parent = this.clientOf(this.ev.deref(callee.expression, ref.ctx, ref.env, true), depth + 1);
          if (parent) {
            const factory =
              (parent.kind === 'axios' && m === 'create') ||
              (parent.kind === 'got' && m === 'extend') ||
              (parent.kind === 'ky' && (m === 'create' || m === 'extend')) ||
              (parent.kind === 'ofetch' && m === 'create') ||
              (parent.kind === 'needle' && m === 'defaults') ||
              (parent.kind === 'request' && m === 'defaults') ||
              (parent.kind === 'superagent' && m === 'agent');
            if (parent.kind === 'superagent' && AGENT_SETTERS.has(m) && parent.configs.length > 0) {
              // superagent.agent().set(…).redirects(0): still the agent
              const off = m === 'redirects' && e.arguments[0] && numberValue(e.arguments[0]) === 0;
              return { ...parent, agentRedirectsOff: off ? { node: e, ctx: ref.ctx, text: '.redirects(0)' } : parent.agentRedirectsOff };
            }
            if (factory) {
              const cfg = e.arguments[0];
              const agentMarker: Ref = { kind: 'expr', ctx: ref.ctx, expr: ts.factory.createObjectLiteralExpression([]), env: EMPTY_ENV, indirect: true };
              return {
                kind: parent.kind,
                // superagent.agent() takes no config; record that it is an agent (configured by setters)
                configs: cfg ? [...parent.configs, { ref: this.ev.deref(cfg, ref.ctx, ref.env, true) }] : parent.kind === 'superagent' ? [...parent.configs, { ref: agentMarker }] : parent.configs,
                names: parent.names,
              };
            }
          }
        }
      }
      return undefined;
    }
    return undefined;
  }

  /** The request a call makes, if it is a call of a known client. */
  request(call: ts.CallExpression, ctx: FileContext, env: Env = EMPTY_ENV): RequestInfo | undefined {
    const callee = skipOuter(call.expression);
    // Direct call of a client: fetch(url), axios(cfg), got(url), request(opts), needle('get', url) …
    const direct = this.clientOf(this.ev.deref(callee, ctx, env));
    if (direct) {
      direct.names = bindingNames(callee);
      return this.withInstance(this.describe(direct, undefined, call, ctx, env, callee), callee, ctx);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const verb = callee.name.text;
      const recvRef = this.ev.deref(callee.expression, ctx, env);
      const client = this.clientOf(recvRef);
      if (client) {
        client.names = bindingNames(callee.expression);
        return this.withInstance(this.describe(client, verb, call, ctx, env, undefined), callee.expression, ctx);
      }
    }
    return this.configObjectRequest(call, ctx, env);
  }

  /**
   * `context.httpRequest({ method, url, … })`, `this.helpers.httpRequest(…)`, `$.ajax(…)`: an HTTP helper we cannot
   * see, called with an axios-style config. Integration platforms build these on axios (or the browser's XHR):
   * they follow redirects and a followed 301 turns POST into GET.
   */
  private configObjectRequest(call: ts.CallExpression, ctx: FileContext, env: Env): RequestInfo | undefined {
    if (call.arguments.length !== 1) return undefined;
    const fn = this.ev.deref(call.expression, ctx, env);
    if (fn.kind === 'function' || fn.kind === 'class') return undefined; // a wrapper we can see: analysed as such
    const cfg = this.ev.deref(call.arguments[0], ctx, env);
    const u = option(this.ev, cfg, 'url') ?? option(this.ev, cfg, 'uri');
    const m = option(this.ev, cfg, 'method');
    if (!u || !m) return undefined;
    // A method we cannot read here (a wrapper's parameter) is still this request's: a call site binds it.
    const method = literalUpper(this.ev, m);
    const info: RequestInfo = {
      client: 'http-helper', call, ctx, url: this.ev.evaluateString(u.value, u.ctx, u.env), method,
      follows: true, rewritesPost: true, rewritesAllMethods: false,
    };
    const mr = option(this.ev, cfg, 'maxRedirects');
    if (mr && numberValue(mr.value) === 0) {
      info.follows = false;
      info.disabledBy = site(mr);
    }
    return info;
  }

  /** Where an axios instance is declared (for installing the runtime helper on it), and whether it already is. */
  private withInstance(info: RequestInfo | undefined, recv: ts.Expression, ctx: FileContext): RequestInfo | undefined {
    if (!info || info.client !== 'axios') return info;
    const r = skipOuter(recv);
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
    const args = call.arguments;
    const ev = this.ev;
    const str = (e: ts.Expression | undefined): Part[] | undefined => (e ? ev.evaluateString(e, ctx, env) : undefined);
    const obj = (e: ts.Expression | undefined): Ref | undefined => (e ? ev.deref(e, ctx, env) : undefined);
    const configs = c.configs.map((x) => x.ref);
    const baseUnknown = configs.some((r) => !(r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))));
    const base: RequestInfo = { client: c.kind, call, ctx, follows: true, rewritesAllMethods: false, rewritesPost: false, baseUnknown };

    switch (c.kind) {
      case 'fetch':
      case 'node-fetch':
      case 'undici-fetch': {
        if (verb !== undefined) return undefined;
        let urlExpr = args[0];
        let init = obj(args[1]);
        const first = urlExpr && ev.deref(urlExpr, ctx, env);
        if (first?.kind === 'expr' && ts.isNewExpression(skipOuter(first.expr)) && isIdent(skipOuter(first.expr) as ts.NewExpression, 'Request')) {
          const req = skipOuter(first.expr) as ts.NewExpression;
          urlExpr = req.arguments?.[0] as ts.Expression;
          const reqInit = req.arguments?.[1] ? ev.deref(req.arguments[1], first.ctx, first.env) : undefined;
          init = init ?? reqInit;
          if (!urlExpr) return undefined;
          const info = { ...base, url: ev.evaluateString(urlExpr, first.ctx, first.env) };
          return this.fetchLike(info, c.kind, [...(reqInit ? [reqInit] : []), ...(init && init !== reqInit ? [init] : [])], wrapTarget);
        }
        return this.fetchLike({ ...base, url: str(urlExpr) }, c.kind, init ? [init] : [], wrapTarget);
      }
      case 'ky':
      case 'ofetch': {
        let method: string | undefined;
        if (verb !== undefined) {
          if (!VERBS.has(verb)) return undefined;
          method = upper(verb);
        }
        const opts = obj(args[1]);
        const all = [...configs, ...(opts ? [opts] : [])];
        const info = this.fetchLike({ ...base, url: str(args[0]) }, c.kind, all, undefined);
        if (method) info.method = method;
        const baseKey = c.kind === 'ky' ? 'prefixUrl' : 'baseURL';
        const prefix = lastOption(ev, all, baseKey);
        if (prefix) info.base = ev.evaluateString(prefix.value, prefix.ctx, prefix.env);
        if (info.base && info.url) info.url = joinBase(info.base, info.url, c.kind === 'ky');
        return info;
      }
      case 'axios': {
        let urlExpr: ts.Expression | undefined;
        let cfgExpr: ts.Expression | undefined;
        let method: string | undefined;
        if (verb === undefined || verb === 'request') {
          if (args.length >= 2 || (args[0] && isStringish(args[0], ev, ctx, env))) {
            urlExpr = args[0];
            cfgExpr = args[1];
          } else cfgExpr = args[0];
        } else if (VERBS.has(verb) || AXIOS_DATA_VERBS.has(verb)) {
          method = upper(verb);
          urlExpr = args[0];
          cfgExpr = AXIOS_DATA_VERBS.has(verb) ? args[2] : args[1];
        } else return undefined;
        const cfg = obj(cfgExpr);
        const all = [...configs, ...defaultsAssignments(ctx, c.names), ...(cfg ? [cfg] : [])];
        if (!urlExpr && cfg) {
          const u = option(ev, cfg, 'url');
          if (u) urlExpr = u.value;
          if (u) {
            const info = { ...base, url: ev.evaluateString(u.value, u.ctx, u.env) };
            return this.axiosFinish(info, all, method);
          }
        }
        return this.axiosFinish({ ...base, url: str(urlExpr) }, all, method);
      }
      case 'got': {
        let method: string | undefined;
        if (verb !== undefined) {
          if (verb === 'stream') method = undefined;
          else if (!VERBS.has(verb)) return undefined;
          else method = upper(verb);
        }
        let urlExpr: ts.Expression | undefined = args[0];
        let opts = obj(args[1]);
        if (urlExpr && !isStringish(urlExpr, ev, ctx, env) && !opts) {
          opts = obj(urlExpr);
          urlExpr = undefined;
        }
        const all = [...configs, ...(opts ? [opts] : [])];
        let url = str(urlExpr);
        if (!url && opts) {
          const u = option(ev, opts, 'url');
          if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
        }
        const info: RequestInfo = { ...base, url };
        const m = lastOption(ev, all, 'method');
        info.method = method ?? (m ? literalUpper(ev, m) : 'GET');
        const fr = lastOption(ev, all, 'followRedirect');
        if (fr && isFalse(fr.value)) {
          info.follows = false;
          info.disabledBy = site(fr);
        }
        // got keeps the method on a same-origin 301/302 unless methodRewriting is on; since got 15 a
        // cross-origin redirect (api2.frontapp.com → api.frontapp.com) turns POST into GET.
        const rw = lastOption(ev, all, 'methodRewriting');
        info.rewritesPost = true;
        if (rw && isTrue(rw.value)) info.rewritesAllMethods = true;
        else info.postRewriteCrossOriginOnly = true;
        const prefix = lastOption(ev, all, 'prefixUrl');
        if (prefix) info.base = ev.evaluateString(prefix.value, prefix.ctx, prefix.env);
        if (info.base && info.url) info.url = joinBase(info.base, info.url, true);
        return info;
      }
      case 'superagent': {
        let method: string | undefined;
        let urlExpr: ts.Expression | undefined;
        if (verb === undefined) {
          if (args.length >= 2) {
            method = literalUpperExpr(ev, args[0], ctx, env);
            urlExpr = args[1];
          } else {
            method = 'GET';
            urlExpr = args[0];
          }
        } else if (VERBS.has(verb)) {
          method = upper(verb);
          urlExpr = args[0];
        } else return undefined;
        const info: RequestInfo = { ...base, url: str(urlExpr), method, rewritesPost: true, rewritesAllMethods: true };
        if (c.agentRedirectsOff) {
          info.follows = false;
          info.disabledBy = c.agentRedirectsOff;
        }
        // Walk the chain: superagent.post(url).set(…).redirects(0).send(…)
        for (let n: ts.Node = call; ; ) {
          const p = n.parent;
          if (!p || !ts.isPropertyAccessExpression(p) || p.expression !== n || !p.parent || !ts.isCallExpression(p.parent)) break;
          const chained = p.parent;
          if (p.name.text === 'redirects' && chained.arguments[0] && numberValue(chained.arguments[0]) === 0) {
            info.follows = false;
            info.disabledBy = { node: chained, ctx, text: '.redirects(0)' };
          }
          n = chained;
        }
        return info;
      }
      case 'needle': {
        let method: string | undefined;
        let urlExpr: ts.Expression | undefined;
        let optsExpr: ts.Expression | undefined;
        if (verb === undefined || verb === 'request') {
          method = literalUpperExpr(ev, args[0], ctx, env);
          urlExpr = args[1];
          optsExpr = args[3];
        } else if (VERBS.has(verb)) {
          method = upper(verb);
          urlExpr = args[0];
          optsExpr = verb === 'get' || verb === 'head' ? args[1] : args[2];
        } else return undefined;
        const opts = obj(optsExpr);
        const all = [...configs, ...needleDefaults(ev, ctx, c.names), ...(opts ? [opts] : [])];
        const fm = lastOption(ev, all, 'follow_max') ?? lastOption(ev, all, 'follow');
        const follows = fm !== undefined && !isFalse(fm.value) && numberValue(fm.value) !== 0;
        const keep = lastOption(ev, all, 'follow_keep_method');
        const info: RequestInfo = { ...base, url: str(urlExpr), method, follows };
        if (follows && !(keep && isTrue(keep.value))) {
          info.rewritesPost = true;
          info.rewritesAllMethods = true;
        }
        return info;
      }
      case 'request': {
        let urlExpr: ts.Expression | undefined;
        let opts: Ref | undefined;
        let method: string | undefined;
        if (verb !== undefined) {
          if (!VERBS.has(verb)) return undefined;
          method = upper(verb);
        }
        if (args[0] && isStringish(args[0], ev, ctx, env)) {
          urlExpr = args[0];
          opts = args[1] && !ts.isFunctionLike(skipOuter(args[1])) ? obj(args[1]) : undefined;
        } else opts = obj(args[0]);
        const all = [...configs, ...(opts ? [opts] : [])];
        let url = str(urlExpr);
        if (!url) {
          const u = lastOption(ev, all, 'url') ?? lastOption(ev, all, 'uri');
          if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
        }
        const m = lastOption(ev, all, 'method');
        method = method ?? (m ? literalUpper(ev, m) : 'GET');
        const info: RequestInfo = { ...base, url, method };
        const fr = lastOption(ev, all, 'followRedirect');
        const far = lastOption(ev, all, 'followAllRedirects');
        const keep = lastOption(ev, all, 'followOriginalHttpMethod');
        if (fr && isFalse(fr.value)) {
          info.follows = false;
          info.disabledBy = site(fr);
        } else if (method !== 'GET' && method !== 'HEAD' && method !== undefined) {
          if (far && isTrue(far.value)) {
            info.rewritesPost = info.rewritesAllMethods = !(keep && isTrue(keep.value));
          } else info.follows = false;
        }
        const baseUrl = lastOption(ev, all, 'baseUrl');
        if (baseUrl) info.base = ev.evaluateString(baseUrl.value, baseUrl.ctx, baseUrl.env);
        if (info.base && info.url) info.url = joinBase(info.base, info.url, false);
        return info;
      }
      case 'http': {
        if (verb !== undefined && verb !== 'request' && verb !== 'get') return undefined;
        const isGet = verb === 'get';
        let url: Part[] | undefined;
        let opts: Ref | undefined;
        if (args[0] && (isStringish(args[0], ev, ctx, env) || isUrlObject(args[0], ev, ctx, env))) {
          url = str(args[0]);
          opts = args[1] && !ts.isFunctionLike(skipOuter(args[1])) ? obj(args[1]) : undefined;
        } else {
          opts = obj(args[0]);
          if (opts) url = httpOptionsUrl(ev, opts);
        }
        const m = opts ? lastOption(ev, [opts], 'method') : undefined;
        return { ...base, url, method: isGet ? 'GET' : m ? literalUpper(ev, m) : 'GET', follows: false };
      }
      case 'undici-request': {
        if (verb !== undefined) return undefined;
        const opts = obj(args[1]);
        const m = opts ? lastOption(ev, [opts], 'method') : undefined;
        const mr = opts ? lastOption(ev, [opts], 'maxRedirections') : undefined;
        const follows = mr !== undefined && numberValue(mr.value) !== 0 && numberValue(mr.value) !== undefined;
        return { ...base, url: str(args[0]), method: m ? literalUpper(ev, m) : 'GET', follows, rewritesPost: follows };
      }
    }
  }

  private fetchLike(info: RequestInfo, kind: ClientKind, inits: Ref[], wrapTarget: ts.Expression | undefined): RequestInfo {
    const ev = this.ev;
    const m = lastOption(ev, inits, 'method');
    info.method = m ? literalUpper(ev, m) : 'GET';
    const r = lastOption(ev, inits, 'redirect');
    const rv = r ? stringValue(ev, r) : undefined;
    if (rv === 'manual' || rv === 'error') {
      info.follows = false;
      info.disabledBy = site(r!);
    }
    if (kind === 'node-fetch') {
      const f = lastOption(ev, inits, 'follow');
      if (f && numberValue(f.value) === 0) {
        info.follows = false;
        info.disabledBy = site(f);
      }
    }
    info.rewritesPost = true;
    if (wrapTarget && (kind === 'fetch' || kind === 'node-fetch' || kind === 'undici-fetch')) info.wrapTarget = wrapTarget;
    return info;
  }

  private axiosFinish(info: RequestInfo, all: Ref[], method: string | undefined): RequestInfo {
    const ev = this.ev;
    const m = lastOption(ev, all, 'method');
    info.method = method ?? (m ? literalUpper(ev, m) : 'GET');
    const mr = lastOption(ev, all, 'maxRedirects');
    if (mr && numberValue(mr.value) === 0) {
      info.follows = false;
      info.disabledBy = site(mr);
    }
    info.rewritesPost = true;
    const b = lastOption(ev, all, 'baseURL');
    if (b) info.base = ev.evaluateString(b.value, b.ctx, b.env);
    if (info.base && info.url) info.url = joinBase(info.base, info.url, false);
    return info;
  }

  private readonly mayRequestCache = new Map<ts.Node, boolean>();

  /**
   * Whether a function makes an HTTP request, itself or through functions it calls (3 levels): computed once
   * per function without arguments, so that only real wrappers are re-evaluated at each call site.
   */
  mayRequest(fn: ts.FunctionLikeDeclaration, ctx: FileContext, depth: number): boolean {
    const cached = this.mayRequestCache.get(fn);
    if (cached !== undefined) return cached;
    if (depth > 3 || !fn.body) return false;
    this.mayRequestCache.set(fn, false); // cycle guard
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n)) {
        try {
          if (this.request(n, ctx, EMPTY_ENV)) found = true;
          else if (calleeRootIsParam(n, ctx)) found = true; // `client.get(…)` with the client passed in
          else {
            const callee = this.ev.deref(n.expression, ctx, EMPTY_ENV);
            if (callee.kind === 'function' && callee.node !== fn && this.mayRequest(callee.node, callee.ctx, depth + 1)) found = true;
          }
        } catch {
          // unreadable call: not a request we know
        }
      }
      if (n !== fn.body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) return;
      ts.forEachChild(n, visit);
    };
    visit(fn.body);
    this.mayRequestCache.set(fn, found);
    return found;
  }

  /** Requests made inside a function the call invokes (an SDK wrapper), evaluated with this call's arguments. */
  wrapped(call: ts.CallExpression, ctx: FileContext, env: Env, depth: number, inner: (c: ts.CallExpression, fctx: FileContext, fenv: Env) => void): void {
    if (depth > 3) return;
    const fn = this.ev.deref(call.expression, ctx, env);
    if (fn.kind !== 'function') return;
    const body = fn.node.body;
    if (!body || !this.mayRequest(fn.node, fn.ctx, 0)) return;
    const fenv = bindArgs(fn.node, call.arguments, ctx, env, fn.env);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) inner(n, fn.ctx, fenv);
      if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) return;
      ts.forEachChild(n, visit);
    };
    visit(body);
  }
}

// ---------------------------------------------------------------- option lookup

export interface OptionValue {
  value: ts.Expression;
  ctx: FileContext;
  env: Env;
  /** The property node, when it is written in an object literal. */
  prop?: ts.ObjectLiteralElementLike;
}

/** A property of an options object (following names and spreads). */
export function option(ev: Evaluator, ref: Ref, key: string): OptionValue | undefined {
  if (ref.kind !== 'expr') return undefined;
  const e = skipOuter(ref.expr);
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

function lastOption(ev: Evaluator, refs: Ref[], key: string): OptionValue | undefined {
  for (let i = refs.length - 1; i >= 0; i--) {
    const o = option(ev, refs[i], key);
    if (o) return o;
  }
  return undefined;
}

function site(o: OptionValue): OptionSite {
  return { node: o.prop ?? o.value, ctx: o.ctx, text: (o.prop ?? o.value).getText(o.ctx.sf) };
}

/** `instance.defaults.maxRedirects = 0`, `axios.defaults.baseURL = …` in the file, as an options object. */
function defaultsAssignments(ctx: FileContext, names: string[]): Ref[] {
  const out: Ref[] = [];
  const wanted = new Set(names);
  if (!ctx.textTest(/\.defaults\b/, ['.defaults'])) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      ts.isPropertyAccessExpression(n.left.expression) && n.left.expression.name.text === 'defaults') {
      const owner = n.left.expression.expression.getText(ctx.sf);
      if (wanted.has(owner) || owner === 'axios') {
        out.push({ kind: 'expr', ctx, expr: syntheticObject(n), env: EMPTY_ENV, indirect: true });
      }
    }
  };
  for (const n of ctx.nodes()) visit(n);
  return out;
}

/**
 * A `x.defaults.key = value` assignment seen as `{ key: value }`: we keep the real assignment node and let
 * `option` read it through a tiny adapter object literal built from the real nodes.
 */
const syntheticCache = new WeakMap<ts.BinaryExpression, ts.ObjectLiteralExpression>();
function syntheticObject(assign: ts.BinaryExpression): ts.ObjectLiteralExpression {
  let o = syntheticCache.get(assign);
  // An incremental reparse keeps the assignment node and moves it: the adapter must move with it.
  if (!o || o.pos !== assign.pos || o.end !== assign.end) {
    const left = assign.left as ts.PropertyAccessExpression;
    const prop = ts.factory.createPropertyAssignment(left.name.text, assign.right);
    // Keep positions pointing at the real assignment so messages and edits land in the source.
    ts.setTextRange(prop, assign);
    (prop as { parent?: ts.Node }).parent = assign;
    o = ts.factory.createObjectLiteralExpression([prop]);
    ts.setTextRange(o, assign);
    (o as { parent?: ts.Node }).parent = assign.parent;
    syntheticCache.set(assign, o);
  }
  return o;
}

function needleDefaults(ev: Evaluator, ctx: FileContext, _names: string[]): Ref[] {
  const out: Ref[] = [];
  if (!ctx.textTest(/\.defaults\s*\(/, ['.defaults'])) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'defaults' && n.arguments[0]) {
      const owner = ev.deref(n.expression.expression, ctx, EMPTY_ENV);
      if (owner.kind === 'package' && owner.module === 'needle') out.push(ev.deref(n.arguments[0], ctx, EMPTY_ENV));
    }
  };
  for (const n of ctx.nodes()) visit(n);
  return out;
}

// ---------------------------------------------------------------- small evaluators

function packageClient(module: string, path: string[]): Client | undefined {
  const p = path.join('.');
  const mk = (kind: ClientKind): Client => ({ kind, configs: [], names: [] });
  switch (module) {
    case 'axios':
      return p === '' || p === 'axios' ? mk('axios') : undefined;
    case 'got':
      return p === '' || p === 'got' ? mk('got') : undefined;
    case 'ky':
    case 'ky-universal':
      return p === '' || p === 'ky' ? mk('ky') : undefined;
    case 'ofetch':
      return p === 'ofetch' || p === '$fetch' || p === '' ? mk('ofetch') : undefined;
    case 'node-fetch':
    case 'cross-fetch':
    case 'isomorphic-fetch':
    case 'isomorphic-unfetch':
    case 'make-fetch-happen':
      return p === '' || p === 'fetch' ? mk('node-fetch') : undefined;
    case 'undici':
      if (p === 'fetch') return mk('undici-fetch');
      if (p === 'request') return mk('undici-request');
      return undefined;
    case 'superagent':
      return p === '' || p === 'agent' ? mk('superagent') : undefined;
    case 'needle':
      return p === '' ? mk('needle') : undefined;
    case 'request':
    case 'request-promise':
    case 'request-promise-native':
    case 'postman-request':
      return p === '' ? mk('request') : undefined;
    case 'http':
    case 'https':
      return p === '' || p === 'request' || p === 'get' ? (p === '' ? mk('http') : mk('http')) : undefined;
    default:
      return undefined;
  }
}

function bindingNames(e: ts.Expression): string[] {
  e = skipOuter(e);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? [e.getText()] : [];
}

function isIdent(n: ts.NewExpression, name: string): boolean {
  return ts.isIdentifier(n.expression) && n.expression.text === name;
}

/** A URL argument rather than an options object: anything but an object literal (names may hide either). */
function isStringish(e: ts.Expression, ev: Evaluator, ctx: FileContext, env: Env): boolean {
  const r = ev.deref(e, ctx, env);
  return !(r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr)));
}

function isUrlObject(e: ts.Expression, ev: Evaluator, ctx: FileContext, env: Env): boolean {
  const r = ev.deref(e, ctx, env);
  return r.kind === 'expr' && isNewUrl(r.expr);
}

function stringValue(ev: Evaluator, o: OptionValue): string | undefined {
  const parts = ev.evaluateString(o.value, o.ctx, o.env);
  return parts.every((p) => p.kind === 'lit') ? flatten(parts) : undefined;
}

const HTTP_VERBS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

function literalUpper(ev: Evaluator, o: OptionValue): string | undefined {
  const parts = ev.evaluateString(o.value, o.ctx, o.env);
  if (parts.every((p) => p.kind === 'lit')) return flatten(parts).toUpperCase();
  // An enum member we cannot read: HttpMethod.POST, Verb.POST
  if (parts.length === 1 && parts[0].kind === 'hole' && parts[0].name && HTTP_VERBS.test(parts[0].name)) return parts[0].name;
  return undefined;
}

function literalUpperExpr(ev: Evaluator, e: ts.Expression | undefined, ctx: FileContext, env: Env): string | undefined {
  if (!e) return undefined;
  const parts = ev.evaluateString(e, ctx, env);
  return parts.every((p) => p.kind === 'lit') ? flatten(parts).toUpperCase() : undefined;
}

function numberValue(e: ts.Expression): number | undefined {
  e = skipOuter(e);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  return undefined;
}

function isFalse(e: ts.Expression): boolean {
  return skipOuter(e).kind === ts.SyntaxKind.FalseKeyword;
}
function isTrue(e: ts.Expression): boolean {
  return skipOuter(e).kind === ts.SyntaxKind.TrueKeyword;
}

/** `{ hostname, path, protocol }` options of node:http(s).request as a URL value. */
function httpOptionsUrl(ev: Evaluator, opts: Ref): Part[] | undefined {
  const host = option(ev, opts, 'hostname') ?? option(ev, opts, 'host');
  const path = option(ev, opts, 'path');
  if (!path) return undefined;
  const pathParts = ev.evaluateString(path.value, path.ctx, path.env);
  if (!host) return pathParts;
  const hostParts = ev.evaluateString(host.value, host.ctx, host.env);
  const synth = (text: string): Part => ({ kind: 'lit', text, anchor: host.value, indirect: true });
  return [synth('https://'), ...hostParts.map((p) => ({ ...p, indirect: true })), ...pathParts];
}

/** baseURL/prefixUrl + relative path, as the client joins them. Absolute URLs ignore the base. */
function joinBase(base: Part[], url: Part[], alwaysJoin: boolean): Part[] {
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

function calleeRootIsParam(call: ts.CallExpression, ctx: FileContext): boolean {
  let e: ts.Expression = skipOuter(call.expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
  if (!ts.isIdentifier(e)) return false;
  return ctx.lookup(e.text, e)?.kind === 'param';
}
