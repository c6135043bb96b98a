// node:http and node:https: `request(url | options, …)` and `get(…)`. They never follow redirects.
import { ts, skipOuter } from '../ts';
import type { Evaluator, Part, Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { isStringish, isUrlObject, option, requestMethod } from './options';

export const nodeHttpModel: ClientModel = {
  kind: 'http',
  fromPackage: (module, path) => (module === 'http' || module === 'https') && (path === '' || path === 'request' || path === 'get'),
  factories: [],
  describe: describeNodeHttp,
};

function describeNodeHttp(c: ClientCall): RequestInfo | undefined {
  const { ev, verb, args } = c;
  if (verb !== undefined && verb !== 'request' && verb !== 'get') return undefined;
  const isGet = verb === 'get';
  let url: Part[] | undefined;
  let opts: Ref | undefined;
  if (args[0] && (isStringish(args[0], ev, c.ctx, c.env) || isUrlObject(args[0], ev, c.ctx, c.env))) {
    url = c.str(args[0]);
    // request(url, callback) has no options
    opts = args[1] && !ts.isFunctionLike(skipOuter(args[1])) ? c.obj(args[1]) : undefined;
  } else {
    opts = c.obj(args[0]);
    if (opts) url = optionsUrl(ev, opts);
  }
  const method = requestMethod(ev, opts ? [opts] : [], isGet ? 'GET' : undefined);
  return { ...c.initial, url, method, follows: false };
}

/** `{ hostname, path, protocol }` options of node:http(s).request as a URL value. */
function optionsUrl(ev: Evaluator, opts: Ref): Part[] | undefined {
  const host = option(ev, opts, 'hostname') ?? option(ev, opts, 'host');
  const path = option(ev, opts, 'path');
  if (!path) return undefined;
  const pathParts = ev.evaluateString(path.value, path.ctx, path.env);
  if (!host) return pathParts;
  const hostParts = ev.evaluateString(host.value, host.ctx, host.env);
  const synth = (text: string): Part => ({ kind: 'lit', text, anchor: host.value, indirect: true });
  return [synth('https://'), ...hostParts.map((p) => ({ ...p, indirect: true })), ...pathParts];
}
