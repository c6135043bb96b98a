// `x.httpRequest({ method, url, … })`, `$.ajax(…)`: an HTTP helper we cannot see, called with an axios-style
// config. Integration platforms build these on axios (or the browser's XHR): they follow redirects and a followed
// 301 turns POST into GET. `maxRedirects: 0` does not follow. The platforms we know have their own models
// (activepieces.ts, n8n.ts, pipedream.ts, zapier.ts, appmixer.ts), tried first; this is for the others.
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { literalUpper, mayBeOptionsObject, numberValue, option, stopsFollowing } from './options';

export const httpHelperModel: ClientModel = {
  kind: 'http-helper',
  fromPackage: () => false,
  byArguments: true,
  factories: [],
  describe: describeHelperCall,
};

function describeHelperCall(c: ClientCall): RequestInfo | undefined {
  const { ev, call } = c;
  // asked of every call of an unknown function with one argument: the argument first (cheap to rule out), the callee last
  if (call.arguments.length !== 1 || !mayBeOptionsObject(call.arguments[0])) return undefined;
  const cfg = ev.deref(call.arguments[0], c.ctx, c.env);
  const u = option(ev, cfg, 'url') ?? option(ev, cfg, 'uri');
  const m = u && option(ev, cfg, 'method');
  if (!u || !m) return undefined;
  const fn = ev.deref(call.expression, c.ctx, c.env);
  if (fn.kind === 'function' || fn.kind === 'class') return undefined; // a wrapper we can see: analysed as such
  // A method we cannot read here (a wrapper's parameter) is still this request's: a call site binds it.
  const method = literalUpper(ev, m);
  const info: RequestInfo = {
    client: 'http-helper', call, ctx: c.ctx, url: ev.evaluateString(u.value, u.ctx, u.env), method,
    follows: true, rewritesPost: true, rewritesAllMethods: false,
  };
  const mr = option(ev, cfg, 'maxRedirects');
  if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
  return info;
}
