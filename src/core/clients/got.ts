// got: `got(url, options)`, `got(options)`, verb methods, `got.stream`, instances made by `got.extend(options)`.
// `followRedirect: false` does not follow; `prefixUrl` is prepended to every input.
import type { ts } from '../ts';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { VERBS, applyBase, isFalse, isStringish, isTrue, lastOption, methodOfVerb, option, requestMethod, stopsFollowing } from './options';

export const gotModel: ClientModel = {
  kind: 'got',
  fromPackage: (module, path) => module === 'got' && (path === '' || path === 'got'),
  factories: ['extend'],
  describe: describeGot,
};

function describeGot(c: ClientCall): RequestInfo | undefined {
  const { ev, verb, args } = c;
  let method: string | undefined;
  if (verb !== undefined) {
    if (verb === 'stream') method = undefined;
    else if (!VERBS.has(verb)) return undefined;
    else method = methodOfVerb(verb);
  }
  let urlExpr: ts.Expression | undefined = args[0];
  let opts = c.obj(args[1]);
  if (urlExpr && !isStringish(urlExpr, ev, c.ctx, c.env) && !opts) {
    opts = c.obj(urlExpr);
    urlExpr = undefined;
  }
  const all = [...c.configs, ...(opts ? [opts] : [])];
  let url = c.str(urlExpr);
  if (!url && opts) {
    const u = option(ev, opts, 'url');
    if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
  }
  const info: RequestInfo = { ...c.initial, url };
  info.method = requestMethod(ev, all, method);
  const fr = lastOption(ev, all, 'followRedirect');
  if (fr && isFalse(fr.value)) stopsFollowing(info, fr);
  // got keeps the method on a same-origin 301/302 unless methodRewriting is on; since got 15 a
  // cross-origin redirect (api2.frontapp.com → api.frontapp.com) turns POST into GET.
  const rw = lastOption(ev, all, 'methodRewriting');
  info.rewritesPost = true;
  if (rw && isTrue(rw.value)) info.rewritesAllMethods = true;
  else info.postRewriteCrossOriginOnly = true;
  applyBase(ev, info, all, 'prefixUrl', true);
  return info;
}
