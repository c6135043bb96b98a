// HTTP client models: for a call expression, which client makes the request, to which URL, with which
// method, and whether a 301 will be followed. Clients are recognised by what was imported or required
// (or the global fetch), never by variable names. Each client is a model in ./clients/ (registered in
// ./clients/index.ts); this is the engine's entry, which finds the model of a call and asks it.
import { ts, skipOuter } from './ts';
import type { FileContext } from './files';
import { Evaluator, Env, Ref, EMPTY_ENV, flatten, bindArgs } from './values';
import type { Client, ClientCall, ClientKind, ClientModel, RequestInfo } from './clients/model';
import { CLIENT_MODELS } from './clients/index';

export type { ClientKind, OptionSite, RequestInfo } from './clients/model';
export { option, type OptionValue } from './clients/options';

const MODEL_OF = new Map<ClientKind, ClientModel>(CLIENT_MODELS.map((m) => [m.kind, m]));
const BY_ARGUMENTS = CLIENT_MODELS.filter((m) => m.byArguments);

export class ClientModels {
  constructor(private readonly ev: Evaluator) {}

  /** What kind of client a reference is, following `create`/`extend`/`defaults` chains. */
  clientOf(ref: Ref, depth = 0): Client | undefined {
    if (depth > 6) return undefined;
    if (ref.kind === 'package') return packageClient(ref.module, ref.path);
    if (ref.kind === 'instance') {
      const c = packageClient(ref.module, []);
      return c && { ...c, configs: [{ ref: { kind: 'unknown' } }] };
    }
    if (ref.kind === 'global') {
      const model = CLIENT_MODELS.find((m) => m.fromGlobal?.(ref.name, ref.path));
      return model && { kind: model.kind, configs: [], names: [] };
    }
    if (ref.kind === 'expr') {
      const e = skipOuter(ref.expr);
      if (!ts.isCallExpression(e)) return undefined;
      const callee = skipOuter(e.expression);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      const parent = this.clientOf(this.ev.deref(callee.expression, ref.ctx, ref.env, true), depth + 1);
      return parent && this.instanceCall(parent, callee.name.text, e, ref.ctx, ref.env);
    }
    return undefined;
  }

  /** `parent.method(…)` as a client: a configured instance (`axios.create(config)`), or none. */
  private instanceCall(parent: Client, method: string, call: ts.CallExpression, ctx: FileContext, env: Env): Client | undefined {
    const model = MODEL_OF.get(parent.kind)!;
    const same = model.sameInstance?.(parent, method, call, ctx);
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
    // No known client: one recognised by its arguments (an HTTP helper called with an axios-style config)?
    for (const model of BY_ARGUMENTS) {
      const info = model.describe(this.callOf({ kind: model.kind, configs: [], names: [] }, undefined, call, ctx, env, undefined));
      if (info) return info;
    }
    return undefined;
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

function calleeRootIsParam(call: ts.CallExpression, ctx: FileContext): boolean {
  let e: ts.Expression = skipOuter(call.expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
  if (!ts.isIdentifier(e)) return false;
  return ctx.lookup(e.text, e)?.kind === 'param';
}
