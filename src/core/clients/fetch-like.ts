// What fetch and the clients built on it (ky, ofetch) share: the init options (`method`, `redirect`) and,
// for the wrappers, verb methods, an options argument and a base URL option.
import type { Evaluator, Ref } from '../values';
import type { ClientCall, RequestInfo } from './model';
import { VERBS, applyBase, lastOption, methodOfVerb, requestMethod, stopsFollowing, stringValue } from './options';

/**
 * The `method` and `redirect` of the init objects (the last that sets one wins). Fetch follows by default and
 * a followed 301 turns a POST into a GET (the Fetch standard's HTTP-redirect fetch); `redirect: 'manual'` or
 * `'error'` does not follow.
 */
export function readInit(ev: Evaluator, info: RequestInfo, inits: Ref[]): RequestInfo {
  info.method = requestMethod(ev, inits);
  const r = lastOption(ev, inits, 'redirect');
  const rv = r ? stringValue(ev, r) : undefined;
  if (r && (rv === 'manual' || rv === 'error')) stopsFollowing(info, r);
  info.rewritesPost = true;
  return info;
}

/**
 * ky and ofetch: `client(url, options)`, `client.post(url, options)`, instances configured by `create`/`extend`,
 * and a base URL option (`baseKey`) that `alwaysJoin`s even absolute URLs when the client does.
 */
export function describeFetchWrapper(c: ClientCall, baseKey: string, alwaysJoin: boolean): RequestInfo | undefined {
  let method: string | undefined;
  if (c.verb !== undefined) {
    if (!VERBS.has(c.verb)) return undefined;
    method = methodOfVerb(c.verb);
  }
  const opts = c.obj(c.args[1]);
  const all = [...c.configs, ...(opts ? [opts] : [])];
  const info = readInit(c.ev, { ...c.initial, url: c.str(c.args[0]) }, all);
  if (method) info.method = method;
  applyBase(c.ev, info, all, baseKey, alwaysJoin);
  return info;
}
