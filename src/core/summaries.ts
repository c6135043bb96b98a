// Request summaries: which functions send an HTTP request, themselves or through the functions and methods they
// call (wrappers, SDK classes, injected clients), and the requests a call makes through them, each evaluated with
// that call's own arguments.
//
// A function's summary is computed once per run, without arguments: the calls in its body that send a request or
// lead to one ("leads"). A call site then follows only those leads, binding each function's parameters to the
// arguments it was given, so `this.front.post(`/contacts/${id}/notes`, body)` three classes above
// `fetch(url, { method })` is judged with its own path and method. Depth and fan-out are bounded: recursion, huge
// call graphs and generated code cannot blow up.
import { ts, skipOuter } from './ts';
import type { FileContext } from './files';
import { Evaluator, Env, Ref, bindArgs, EMPTY_ENV } from './values';
import { mayBeRequestArgument, type ClientModels, type RequestInfo } from './clients';
import { describeRequestDescriptor } from './clients/request-descriptor';
import { hasScheme } from './clients/generated-base';
import { isStandardCall, STANDARD_METHODS } from './standard-calls';

/** Functions followed below a call site (Service → FrontClient → BaseApiClient → FetchClient → fetch is 4). */
export const MAX_CHAIN = 6;
/** Calls followed in one function's body. */
const MAX_LEADS = 24;

/** One hop of a chain: the call, the function it enters, and that function's file. */
export interface Hop {
  call: ts.CallExpression;
  fn: ts.FunctionLikeDeclaration;
  ctx: FileContext;
}

export interface ChainedRequest {
  info: RequestInfo;
  /** The calls from the outer call (first) down to the function whose body holds the request call. */
  chain: Hop[];
}

export class RequestSummaries {
  private readonly leadsCache = new Map<ts.Node, ts.CallExpression[]>();

  constructor(private readonly ev: Evaluator, private readonly clients: ClientModels, private readonly safeRequest: (c: ts.CallExpression, ctx: FileContext, env: Env) => RequestInfo | undefined) {}

  /** A request described by an object literal handed to a function (clients/request-descriptor.ts). */
  descriptor(call: ts.CallExpression, ctx: FileContext, env: Env): RequestInfo | undefined {
    try {
      return describeRequestDescriptor(this.ev, call, ctx, env);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return undefined;
    }
  }

  /**
   * The function a call enters, when it is one whose body we can see, and the arguments its parameters get
   * (`fn.call(this, a, b)` passes a and b).
   */
  callee(call: ts.CallExpression, ctx: FileContext, env: Env): { fn: Ref & { kind: 'function' }; args: readonly ts.Expression[] } | undefined {
    if (isBuiltinCall(call)) return undefined;
    let target = skipOuter(call.expression);
    let args: readonly ts.Expression[] = call.arguments;
    if (ts.isPropertyAccessExpression(target) && target.name.text === 'call' && !this.isOwnMethod(target, ctx, env)) {
      target = target.expression;
      args = call.arguments.slice(1);
    }
    let fn: Ref;
    try {
      fn = this.ev.deref(target, ctx, env);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return undefined;
    }
    if (fn.kind === 'param') {
      // `this.client.request(…)` with the client given to the constructor: the method of what the callers pass
      // (looked up only for a call given a URL or request options: not `value.toFixed(2)`, `done()`)
      if (!mayBeRequestArgument(args[0])) return undefined;
      for (const v of this.clients.paramValues(fn)) if (v.kind === 'function' && v.node.body) return { fn: v, args };
      return undefined;
    }
    return fn.kind === 'function' && fn.node.body ? { fn, args } : undefined;
  }

  /** `http.call('GET', path)`: a method the receiver itself names `call`, not Function.prototype.call (`fn.call(this, …)`). */
  private isOwnMethod(access: ts.PropertyAccessExpression, ctx: FileContext, env: Env): boolean {
    try {
      const m = this.ev.deref(access, ctx, env);
      return m.kind === 'function' && !!m.node.body;
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return false;
    }
  }

  /**
   * The calls in a function's body that send a request or may lead to one: a known client's call, a call whose
   * receiver is a parameter or a class member that is not known yet (an injected client), or a call of a function
   * that has leads itself. Computed once per function, without arguments.
   */
  leads(fn: ts.FunctionLikeDeclaration, ctx: FileContext, env: Env, depth = 0): ts.CallExpression[] {
    const cached = this.leadsCache.get(fn);
    if (cached) return cached;
    if (depth > MAX_CHAIN || !fn.body) return [];
    const out: ts.CallExpression[] = [];
    this.leadsCache.set(fn, out); // cycle guard: a recursive call adds nothing
    for (const n of bodyCalls(fn)) {
      if (out.length >= MAX_LEADS) break;
      if (this.isLead(n, ctx, env, fn, depth)) out.push(n);
    }
    return out;
  }

  private isLead(n: ts.CallExpression, ctx: FileContext, env: Env, fn: ts.FunctionLikeDeclaration, depth: number): boolean {
    try {
      if (isStandardCall(n, ctx)) return false;
      if (this.safeRequest(n, ctx, env)) return true;
      if (isBuiltinCall(n)) return false;
      if (this.descriptor(n, ctx, env)) return true;
      const callee = skipOuter(n.expression);
      const named = ts.isPropertyAccessExpression(callee) && callee.name.text === 'call' && !this.isOwnMethod(callee, ctx, env) ? callee.expression : callee;
      const target = this.ev.deref(named, ctx, env);
      if (target.kind === 'param') return mayBeRequestArgument(named === callee ? n.arguments[0] : n.arguments[1]); // `client.get(url)` with the client passed in
      if (target.kind === 'function' && target.node !== fn && target.node.body) return this.leads(target.node, target.ctx, target.env, depth + 1).length > 0;
    } catch (e) {
      if (e instanceof RangeError) throw e;
    }
    return false;
  }

  /**
   * The requests `call` makes through the functions it enters, each evaluated with this call's arguments (and,
   * below it, each inner call's). `bindOuter: false` evaluates the first function without this call's arguments:
   * what the request is whatever the call passes.
   */
  through(call: ts.CallExpression, ctx: FileContext, env: Env, bindOuter = true): ChainedRequest[] {
    const visit = (c: ts.CallExpression, cctx: FileContext, cenv: Env, chain: Hop[]): ChainedRequest[] => {
      if (chain.length >= MAX_CHAIN) return [];
      const entered = this.callee(c, cctx, cenv);
      if (!entered || chain.some((h) => h.fn === entered.fn.node)) return [];
      const fn = entered.fn;
      const leads = this.leads(fn.node, fn.ctx, fn.env);
      if (!leads.length) return [];
      const fenv = chain.length === 0 && !bindOuter ? fn.env : bindArgs(fn.node, entered.args, cctx, cenv, fn.env);
      const next = [...chain, { call: c, fn: fn.node, ctx: fn.ctx }];
      const out: ChainedRequest[] = [];
      for (const inner of leads) {
        const info = this.safeRequest(inner, fn.ctx, fenv);
        if (info) out.push({ info, chain: next });
        else out.push(...this.decide(inner, fn.ctx, fenv, visit(inner, fn.ctx, fenv, next), next));
      }
      return out;
    };
    return visit(call, ctx, env, []);
  }

  /**
   * What a call inside a wrapper sends: what following it found, unless the call describes its request itself
   * (`this.request({ path, method: 'POST' })`) and following found nothing of that method (a generated runtime
   * whose method travels in a spread we cannot read): then the description.
   */
  decide(call: ts.CallExpression, ctx: FileContext, env: Env, found: ChainedRequest[], chain: Hop[]): ChainedRequest[] {
    if (found.some((r) => !r.info.follows)) return found;
    const d = this.descriptor(call, ctx, env);
    if (!d) return found;
    const same = found.filter((r) => r.info.method === d.method);
    // Following found the request but not where it goes (a base URL in a configuration object or a spread it could
    // not read) while the description knows it (the generated client's default server): the description.
    const described = d.url;
    if (same.length && (!hasScheme(described) || same.some((r) => hasScheme(r.info.url)))) return found;
    return [{ info: d, chain }];
  }

  /**
   * The request at the end of `chain` as the analysis of the statement that holds `chain[k].call` sees it (k = the
   * chain's length: the client call itself): nothing bound above that call, the arguments bound below it. When one
   * of these already is the same contact request, it is reported there, deeper, and not again at the outer call.
   * A call that on its own enters another function than the chain's (a client parameter resolved by its declared type
   * or by another caller's argument) sends what it sends through that one: that is what its own analysis reports.
   */
  standalone(chain: Hop[], inner: ts.CallExpression, outerCtx: FileContext, k: number): RequestInfo | undefined {
    let cenv: Env = EMPTY_ENV;
    let cctx = k === 0 ? outerCtx : chain[k - 1].ctx;
    for (let i = k; i < chain.length; i++) {
      const hop = chain[i];
      const entered = this.callee(hop.call, cctx, cenv);
      if (!entered) return undefined;
      if (entered.fn.node !== hop.fn) {
        const own = this.decide(hop.call, cctx, cenv, this.through(hop.call, cctx, cenv), []);
        return own.length === 1 ? own[0].info : undefined;
      }
      cenv = bindArgs(entered.fn.node, entered.args, cctx, cenv, entered.fn.env);
      cctx = entered.fn.ctx;
    }
    return this.safeRequest(inner, cctx, cenv) ?? this.descriptor(inner, cctx, cenv);
  }

}

/** The calls in a function's body in source order, including those in nested callbacks, not in nested declarations. */
function bodyCalls(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const body = fn.body;
  if (!body) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) out.push(n);
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) return;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

// Besides the language's own methods: emitters, promise combinators, JSON and Object helpers, test matchers.
const NEVER_WRAPPERS = new Set(['emit', 'stringify', 'parse', 'assign', 'all', 'allSettled', 'race', 'resolve', 'reject', 'setTimeout', 'expect', 'toBe', 'toEqual']);

/** Calls of built-in methods (strings, arrays, promises, JSON, console, test matchers): never a wrapper of a request. */
export function isBuiltinCall(n: ts.CallExpression): boolean {
  const c = skipOuter(n.expression);
  return ts.isPropertyAccessExpression(c) && (STANDARD_METHODS.has(c.name.text) || NEVER_WRAPPERS.has(c.name.text));
}
