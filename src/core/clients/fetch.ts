// fetch: the global, node-fetch and its look-alikes, and undici's. They read the same init options; node-fetch
// also has `follow` (a redirect count). cross-fetch, isomorphic-fetch and isomorphic-unfetch are node-fetch 2 in Node;
// make-fetch-happen (npm/make-fetch-happen 16 lib/fetch.js) follows by itself the same way: `redirect: 'manual'`
// and `follow: 0` stop it, a followed 301/302 POST becomes a GET, and a new hostname loses Authorization. `fetch(new Request(url, init), init)` reads both inits, the call's last.
import { ts, skipOuter } from '../ts';
import type { Part, Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { lastOption, numberValue, stopsFollowing } from './options';
import { readInit } from './fetch-like';

export const fetchModel: ClientModel = {
  kind: 'fetch',
  fromPackage: () => false,
  fromGlobal: (name, path) => path.length === 0 && name === 'fetch',
  factories: [],
  describe: describeFetch,
};

// node-fetch-native (unjs: native fetch, else node-fetch) and node-fetch-commonjs (node-fetch 3 repackaged) behave alike
const NODE_FETCH_PACKAGES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'make-fetch-happen', 'node-fetch-native', 'node-fetch-commonjs']);

export const nodeFetchModel: ClientModel = {
  kind: 'node-fetch',
  fromPackage: (module, path) => NODE_FETCH_PACKAGES.has(module) && (path === '' || path === 'fetch' || path === 'default'),
  // make-fetch-happen's `defaults(options)`: a fetch with those options under the call's (lib/index.js)
  factories: ['defaults'],
  describe: describeFetch,
};

export const undiciFetchModel: ClientModel = {
  kind: 'undici-fetch',
  fromPackage: (module, path) => module === 'undici' && path === 'fetch',
  factories: [],
  describe: describeFetch,
};

function describeFetch(c: ClientCall): RequestInfo | undefined {
  if (c.verb !== undefined) return undefined;
  const target = fetchTarget(c);
  if (!target) return undefined;
  const defaults = c.configs.filter((r) => r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr)));
  const inits = [...defaults, ...target.inits];
  const info = readInit(c.ev, { ...c.initial, url: target.url, baseUnknown: false }, inits);
  if (c.client.kind === 'node-fetch') {
    const f = lastOption(c.ev, inits, 'follow');
    if (f && numberValue(f.value) === 0) stopsFollowing(info, f);
  }
  if (c.wrapTarget) info.wrapTarget = c.wrapTarget;
  return info;
}

/** The URL and the init objects of `fetch(url, init)` or `fetch(new Request(url, init), init)`, in the order they apply. */
function fetchTarget(c: ClientCall): { url: Part[] | undefined; inits: Ref[] } | undefined {
  const init = c.obj(c.args[1]);
  const first = c.args[0] && c.ev.deref(c.args[0], c.ctx, c.env);
  const req = first?.kind === 'expr' ? skipOuter(first.expr) : undefined;
  if (first?.kind === 'expr' && req && ts.isNewExpression(req) && ts.isIdentifier(req.expression) && req.expression.text === 'Request') {
    const urlExpr = req.arguments?.[0];
    const reqInit = req.arguments?.[1] ? c.ev.deref(req.arguments[1], first.ctx, first.env) : undefined;
    if (!urlExpr) return undefined;
    const inits = [...(reqInit ? [reqInit] : []), ...(init && init !== reqInit ? [init] : [])];
    return { url: c.ev.evaluateString(urlExpr, first.ctx, first.env), inits };
  }
  return { url: c.str(c.args[0]), inits: init ? [init] : [] };
}
