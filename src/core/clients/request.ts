// request (and request-promise, postman-request): `request(url, options)`, `request(options)`, verb methods,
// instances made by `request.defaults(options)`. It follows GET and HEAD only, unless `followAllRedirects`,
// which then turns every method into GET unless `followOriginalHttpMethod`; `followRedirect: false` follows none.
import { ts, skipOuter } from '../ts';
import type { Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { VERBS, applyBase, isFalse, isStringish, isTrue, lastOption, methodOfVerb, requestMethod, stopsFollowing } from './options';

const PACKAGES = new Set(['request', 'request-promise', 'request-promise-native', 'postman-request']);

export const requestModel: ClientModel = {
  kind: 'request',
  fromPackage: (module, path) => PACKAGES.has(module) && path === '',
  factories: ['defaults'],
  describe: describeRequest,
};

function describeRequest(c: ClientCall): RequestInfo | undefined {
  const { ev, verb, args } = c;
  let urlExpr: ts.Expression | undefined;
  let opts: Ref | undefined;
  let method: string | undefined;
  if (verb !== undefined) {
    if (!VERBS.has(verb)) return undefined;
    method = methodOfVerb(verb);
  }
  if (args[0] && isStringish(args[0], ev, c.ctx, c.env)) {
    urlExpr = args[0];
    // request(url, callback) has no options
    opts = args[1] && !ts.isFunctionLike(skipOuter(args[1])) ? c.obj(args[1]) : undefined;
  } else opts = c.obj(args[0]);
  const all = [...c.configs, ...(opts ? [opts] : [])];
  let url = c.str(urlExpr);
  if (!url) {
    const u = lastOption(ev, all, 'url') ?? lastOption(ev, all, 'uri');
    if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
  }
  method = requestMethod(ev, all, method);
  const info: RequestInfo = { ...c.initial, url, method };
  const fr = lastOption(ev, all, 'followRedirect');
  const far = lastOption(ev, all, 'followAllRedirects');
  const keep = lastOption(ev, all, 'followOriginalHttpMethod');
  if (fr && isFalse(fr.value)) stopsFollowing(info, fr);
  else if (method !== 'GET' && method !== 'HEAD' && method !== undefined) {
    if (far && isTrue(far.value)) {
      info.rewritesPost = info.rewritesAllMethods = !(keep && isTrue(keep.value));
    } else info.follows = false;
  }
  applyBase(ev, info, all, 'baseUrl', false);
  return info;
}
