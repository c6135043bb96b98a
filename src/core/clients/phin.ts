// phin: `phin({ url, method, data, headers, followRedirects })` or `phin(url)`, and `phin.defaults(options)`, a
// request function with those options. Read in ethanent/phin 3.7.1 lib/phin.js and centra 2.7.0
// model/CentraRequest.js: without `followRedirects` centra sends with plain http(s).request and never follows; with
// `followRedirects: true` (20) or a number it sends through follow-redirects, which turns a followed POST into a GET
// and drops Authorization when the host changes (as for axios).
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { isStringish, isTrue, lastOption, numberValue, option, requestMethod } from './options';

export const phinModel: ClientModel = {
  kind: 'phin',
  fromPackage: (module, path) => module === 'phin' && (path === '' || path === 'default' || path === 'promisified' || path === 'unpromisified'),
  factories: ['defaults'],
  describe: describePhin,
};

function describePhin(c: ClientCall): RequestInfo | undefined {
  if (c.verb !== undefined && c.verb !== 'promisified' && c.verb !== 'unpromisified') return undefined;
  const arg = c.args[0];
  if (!arg) return undefined;
  const { ev } = c;
  const byString = isStringish(arg, ev, c.ctx, c.env);
  const opts = byString ? undefined : c.obj(arg);
  const all = [...c.configs, ...(opts ? [opts] : [])];
  let url = byString ? c.str(arg) : undefined;
  const u = opts && option(ev, opts, 'url');
  if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
  const f = lastOption(ev, all, 'followRedirects');
  const n = f && numberValue(f.value);
  const follows = !!f && (isTrue(f.value) || (n !== undefined && n > 0));
  return {
    ...c.initial, url, method: requestMethod(ev, all), follows, rewritesPost: follows,
    noFollowReason: follows ? undefined : 'phin follows redirects only with the followRedirects option',
  };
}
