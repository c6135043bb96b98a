// Frigg (friggframework): an API module is `class Api extends OAuth2Requester` (or Requester, ApiKeyRequester,
// BasicAuthRequester) from @friggframework/core — @friggframework/module-plugin in Frigg 1 — and sends through the
// verb helpers it inherits: `this._get({ url, query })`, `this._post|_put|_patch({ url, body })`, `this._delete({ url })`,
// or `this._request(url, { method, … })`.
//
// Read in friggframework/frigg, packages/core/modules/requester/requester.js (the same code in Frigg 1's
// packages/module-plugin/requester/requester.js): each verb helper builds `{ method: 'GET' | 'POST' | …, headers,
// query, body }` (the caller's options are not spread into it) and calls `_request(options.url, fetchOptions)`, which
// adds the query string and the Authorization header (`addAuthHeaders`) and calls `this.fetch(url, options)`:
// node-fetch 2 (`"node-fetch": "^2.6.7"`) unless the module was given another `fetch`. Nothing sets `redirect`, so a
// 301 is followed: POST becomes GET, PATCH/PUT/DELETE are re-sent, and node-fetch ≥ 2.6.7 drops Authorization when
// the Location is neither the same host nor a subdomain of it (api2.frontapp.com → api.frontapp.com).
// Recognised by import, whether or not the package is installed: the helpers are reached as members the module's
// class inherits from the package's class (values.ts classMember).
import { ts, skipOuter } from '../ts';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { option } from './options';
import { readInit } from './fetch-like';

const PACKAGE = /^@friggframework\/(?:core|module-plugin)(?:\/(.+))?$/;
/** The requester classes; Frigg 0.x exported them as modules of their own (`@friggframework/core/auth/OAuth2Base`). */
const REQUESTERS = /^(?:Requester|OAuth2Requester|ApiKeyRequester|BasicAuthRequester|OAuth2Base|ApiKeyBase|BasicAuthBase)$/;
/** The verb helpers and the method each sends. */
const HELPERS: Record<string, string> = Object.assign(Object.create(null), { _get: 'GET', _post: 'POST', _put: 'PUT', _patch: 'PATCH', _delete: 'DELETE' });
const isHelper = (name: string | undefined) => name === undefined || name in HELPERS || name === '_request';

export const friggModel: ClientModel = {
  kind: 'frigg',
  fromPackage: (module, path) => {
    const m = PACKAGE.exec(module);
    if (!m) return false;
    const segments = path ? path.split('.') : [];
    // `require('@friggframework/core/auth/OAuth2Base')`: the module is the class
    if (m[1]) return REQUESTERS.test(m[1].split('/').pop()!) && segments.length <= 1 && isHelper(segments[0]);
    // the class itself too, so that a Frigg checkout (whose workspace holds the requester's source) keeps the model
    return segments.length >= 1 && segments.length <= 2 && REQUESTERS.test(segments[0]) && isHelper(segments[1]);
  },
  factories: [],
  describe: describeFrigg,
};

function describeFrigg(c: ClientCall): RequestInfo | undefined {
  if (c.verb !== undefined) return undefined;
  const callee = skipOuter(c.call.expression);
  const helper = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!helper) return undefined;
  const initial: RequestInfo = { ...c.initial, label: "Frigg's requester (node-fetch)" };
  if (helper === '_request') {
    // _request(url, options): the options reach node-fetch as they are (method, redirect)
    const opts = c.obj(c.args[1]);
    return readInit(c.ev, { ...initial, url: c.str(c.args[0]) }, opts ? [opts] : []);
  }
  const method = HELPERS[helper];
  if (!method) return undefined;
  const opts = c.obj(c.args[0]);
  const u = opts && option(c.ev, opts, 'url');
  return { ...initial, url: u && c.ev.evaluateString(u.value, u.ctx, u.env), method, rewritesPost: true };
}
