// wretch: an immutable chain over fetch. `wretch(base, options)` makes an instance; `.url(path)` appends to its URL
// (`.url(url, true)` replaces it), `.options({…})` merges fetch init options, `.auth()`/`.headers()`/… only set
// headers; `.get(url)`, `.delete(url)`, `.head(url)`, `.opts(url)`, `.post(body, url)`, `.put(body, url)`,
// `.patch(body, url)` and `.fetch(method, url, body)` send. wretch 1.x took an options object where 2+ takes the URL
// (`.get(options)`, `.post(body, options)`): an object literal there is read as options.
//
// Read in elbywan/wretch 3.0.9 src/core.ts and src/resolver.ts (2.11 and 1.7 src/wretcher.ts have the same shape):
// the request is `(wretch._fetch || fetch)(url, options)` with the merged options as they are, and wretch sets no
// `redirect` of its own. So it is fetch's behaviour: the 301 is followed (`redirect: 'manual' | 'error'` in the
// options stops that), a followed POST comes back a GET, and Authorization is dropped when the Location is on
// another origin.
import { ts, skipOuter } from '../ts';
import type { Part, Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { isTrue, literalUpperExpr, mayBeOptionsObject } from './options';
import { readInit } from './fetch-like';

/** Methods that return the same request being configured (the response chain's `.json()`, `.res()` are not). */
const CONFIGURERS = new Set([
  'url', 'options', 'headers', 'auth', 'accept', 'content', 'catcher', 'catcherFallback', 'customError', 'resolve',
  'defer', 'middlewares', 'addon', 'fetchPolyfill', 'polyfills', 'errorType', 'signal', 'query', 'body', 'json',
  'formData', 'formUrl', 'basicAuth', 'progress', 'defaults',
]);
/** Sending methods whose first argument is the URL (wretch 2+) or the options (1.x). */
const READ_VERBS: Record<string, string> = Object.assign(Object.create(null), { get: 'GET', delete: 'DELETE', head: 'HEAD', opts: 'OPTIONS' });
/** Sending methods whose first argument is the body and second the URL (2+) or the options (1.x). */
const WRITE_VERBS: Record<string, string> = Object.assign(Object.create(null), { post: 'POST', put: 'PUT', patch: 'PATCH' });

export const wretchModel: ClientModel = {
  kind: 'wretch',
  fromPackage: (module, path) => module === 'wretch' && (path === '' || path === 'default'),
  factories: [],
  calledMakesInstance: true,
  chained: true,
  sameInstance(instance, method, call, ctx, env) {
    if (!CONFIGURERS.has(method) || !instance.chain) return undefined;
    // `.json(body)` configures the request; `.get().json()` is the response's, and never reaches here (no instance)
    return { ...instance, chain: [...instance.chain, { call, ctx, env }] };
  },
  describe: describeWretch,
};

function describeWretch(c: ClientCall): RequestInfo | undefined {
  const { verb, args } = c;
  if (verb === undefined || !c.client.chain) return undefined;
  let method: string | undefined;
  let last: ts.Expression | undefined;
  if (verb in READ_VERBS) {
    method = READ_VERBS[verb];
    last = args[0];
  } else if (verb in WRITE_VERBS) {
    method = WRITE_VERBS[verb];
    last = args[1];
  } else if (verb === 'fetch') {
    method = literalUpperExpr(c.ev, args[0], c.ctx, c.env);
    last = args[1];
  } else return undefined;
  let url: Part[] = [];
  const inits: Ref[] = [];
  c.client.chain.forEach((step, i) => {
    const a = step.call.arguments;
    const callee = skipOuter(step.call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (i === 0) {
      // wretch(url, options)
      if (a[0]) url = c.ev.evaluateString(a[0], step.ctx, step.env);
      if (a[1]) inits.push(c.ev.deref(a[1], step.ctx, step.env));
    } else if (name === 'url' && a[0]) {
      const added = c.ev.evaluateString(a[0], step.ctx, step.env);
      url = a[1] && isTrue(a[1]) ? added : [...url, ...added];
    } else if ((name === 'options' || name === 'defaults') && a[0]) {
      inits.push(c.ev.deref(a[0], step.ctx, step.env));
    }
  });
  if (last) {
    const r = mayBeOptionsObject(last) ? c.ev.deref(last, c.ctx, c.env) : undefined;
    if (r?.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr))) inits.push(r); // wretch 1.x: options
    else url = [...url, ...c.ev.evaluateString(last, c.ctx, c.env)];
  }
  const info = readInit(c.ev, { ...c.initial, url: url.length ? url : undefined }, inits);
  if (method) info.method = method;
  return info;
}
