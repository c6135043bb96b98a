// A request described by an object literal and handed to a function whose way of sending it we cannot follow:
// the runtimes of generated OpenAPI clients (`this.request({ path, method: 'POST' })` in openapi-generator's
// typescript-fetch and swagger-typescript-api, `__request(OpenAPI, { method, url })` in openapi-typescript-codegen,
// `(options.client ?? client).post({ url: '/contacts/{contact_id}/notes' })` in @hey-api/openapi-ts) and
// hand-written SDK cores alike. All of them end in fetch or axios with the default redirect handling: they follow
// the 301, and a followed POST comes back a GET. Used only where following the call finds no request of its own
// (see RequestSummaries), so a wrapper we can read is judged by what it really does.
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import type { Env, Evaluator, Ref } from '../values';
import type { RequestInfo } from './model';
import { descriptorBase } from './descriptor-base';
import { joinBase, literalUpper, mayBeOptionsObject, methodOfVerb, numberValue, option, stopsFollowing, stringValue, VERBS, type OptionValue } from './options';

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
    // the generated client's server (descriptor-base.ts): the route is sent there unless it is a whole URL
    const base = info.url && descriptorBase(ev, call, arg, ctx, env);
    if (base && info.url) {
      info.base = base;
      info.url = joinBase(base, info.url, false);
      info.baseUnknown = false;
    }
    const mr = option(ev, cfg, 'maxRedirects');
    if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
    const redirect = option(ev, cfg, 'redirect');
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
