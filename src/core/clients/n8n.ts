// n8n: the request helpers of a node's execution context, `this.helpers.httpRequest(options)`,
// `this.helpers.httpRequestWithAuthentication.call(this, 'frontApi', options)`, and the deprecated request-style
// ones, `this.helpers.request(options)` / `request(uri, options)`, `requestWithAuthentication.call(this, cred,
// options)`, `requestOAuth2.call(this, cred, options)`, `requestOAuth1.call(this, cred, options)`.
//
// Read in n8n-io/n8n, packages/core/src/execution-engine/node-execution-context/utils/request-helper-functions.ts
// (since moved to packages/@n8n/backend-network/src/http/axios/request.ts and legacy.ts, same logic):
// - httpRequest / httpRequestWithAuthentication → convertN8nRequestToAxios(IHttpRequestOptions): only
//   `disableFollowRedirect: true` sets axios `maxRedirects: 0`; IHttpRequestOptions' other fields do not reach
//   axios's redirect handling (a `maxRedirects` there is not copied). So it follows, through axios's
//   follow-redirects, which re-sends a POST as a GET on a 301 (PATCH/PUT/DELETE keep their method).
// - request / requestWithAuthentication / requestOAuth1/2 → proxyRequestToAxios → parseRequestObject(IRequestOptions):
//   `if ((followRedirect !== false && (!method || method === 'GET' || method === 'HEAD')) || followAllRedirects)
//   maxRedirects = requestObject.maxRedirects; else maxRedirects = 0`. A non-GET without `followAllRedirects`
//   does not follow (the comparison is case-sensitive: `method: 'get'` does not follow either);
//   `followRedirect: false` stops GET too; with `followAllRedirects` it follows, and follow-redirects turns a POST
//   into GET. (Before n8n 1.31, PR #8706, a non-GET followed unless `followAllRedirects: false`.)
// - Authorization: getBeforeRedirectFn re-adds the request's Authorization header (and `auth`) to the redirected
//   request when the origin is the same or `sendCredentialsOnCrossOriginRedirect` (default true) — so unlike
//   plain axios, the followed GET to api.frontapp.com still carries the credentials. With
//   `sendCredentialsOnCrossOriginRedirect: false` it does not: follow-redirects removes the header on the host change.
// Recognised by the receiver `this.helpers` in a file that imports from 'n8n-workflow' or 'n8n-core' (every node
// and its GenericFunctions import their types from there), whether or not n8n is installed.
import { ts, skipOuter } from '../ts';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { isTrue, isFalse, literalUpper, numberValue, option, stopsFollowing, stringValue, type OptionValue } from './options';

const N8N_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*)['"]n8n-(?:workflow|core)['"]/;

/** Helper → index of its options argument (after `this` for `.call(this, …)`), and whether it is the legacy API. */
const HELPERS: Record<string, { options: number; legacy: boolean }> = {
  httpRequest: { options: 0, legacy: false },
  httpRequestWithAuthentication: { options: 1, legacy: false },
  request: { options: 0, legacy: true },
  requestWithAuthentication: { options: 1, legacy: true },
  requestOAuth1: { options: 1, legacy: true },
  requestOAuth2: { options: 1, legacy: true },
};

export const n8nModel: ClientModel = {
  kind: 'n8n',
  fromPackage: () => false,
  byArguments: true,
  factories: [],
  describe: describeHelper,
};

function describeHelper(c: ClientCall): RequestInfo | undefined {
  const { call, ev } = c;
  let callee = skipOuter(call.expression);
  let args: readonly ts.Expression[] = call.arguments;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'call') {
    callee = skipOuter(callee.expression);
    args = args.slice(1);
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const helper = HELPERS[callee.name.text];
  const recv = skipOuter(callee.expression);
  if (!helper || !ts.isPropertyAccessExpression(recv) || recv.name.text !== 'helpers' ||
    skipOuter(recv.expression).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  if (!c.ctx.textTest(N8N_IMPORT, ['n8n-'])) return undefined;
  const name = callee.name.text;
  // request(uri, options): a string first argument is the URI
  let uriExpr: ts.Expression | undefined;
  let optsExpr = args[helper.options];
  if (helper.legacy && helper.options === 0 && args[0] && !isObject(c, args[0])) {
    uriExpr = args[0];
    optsExpr = args[1];
  }
  const opts = c.obj(optsExpr);
  const get = (key: string): OptionValue | undefined => (opts ? option(ev, opts, key) : undefined);
  const u = uriExpr ? undefined : helper.legacy ? get('uri') ?? get('url') : get('url');
  const url = uriExpr ? c.str(uriExpr) : u && ev.evaluateString(u.value, u.ctx, u.env);
  const m = get('method');
  // A method we cannot read (a GenericFunctions parameter) is bound at the call site
  const method = m ? literalUpper(ev, m) : 'GET';
  const creds = get('sendCredentialsOnCrossOriginRedirect');
  const info: RequestInfo = { ...c.initial, client: 'n8n', label: `n8n's ${name}`, url, method, rewritesPost: true,
    keepsAuthAcrossOrigins: !(creds && isFalse(creds.value)) };
  if (!helper.legacy) {
    const off = get('disableFollowRedirect');
    if (off && isTrue(off.value)) stopsFollowing(info, off);
    return info;
  }
  const fr = get('followRedirect');
  const far = get('followAllRedirects');
  const mr = get('maxRedirects');
  const written = m ? stringValue(ev, m) : undefined; // compared as written: 'get' is not 'GET'
  const readAsGet = !m || written === 'GET' || written === 'HEAD';
  if (far && isTrue(far.value)) {
    if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
  } else if (fr && isFalse(fr.value)) {
    stopsFollowing(info, fr);
  } else if (method === undefined) {
    // unknown here: judged where a call site binds it
  } else if (!readAsGet && (written !== undefined || (method !== 'GET' && method !== 'HEAD'))) {
    info.follows = false;
    info.noFollowReason = `n8n's ${name} does not follow redirects for a ${written ?? method} request unless followAllRedirects is set`;
  } else if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
  return info;
}

function isObject(c: ClientCall, e: ts.Expression): boolean {
  const r = c.ev.deref(e, c.ctx, c.env);
  return r.kind === 'expr' && ts.isObjectLiteralExpression(skipOuter(r.expr));
}
