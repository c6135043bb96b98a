// Activepieces: `httpClient.sendRequest({ method: HttpMethod.POST, url, headers, body, authentication })` from
// @activepieces/pieces-common (HttpMethod is that package's string enum: HttpMethod.POST === 'POST').
//
// Read in activepieces/activepieces, packages/pieces/community/common/src/lib/http/:
// - core/http-client.ts: `export const httpClient = new AxiosHttpClient()`.
// - axios/axios-http-client.ts, sendRequest(request, axiosClient?): builds `{ method, url, params, headers, data,
//   timeout, responseType }` and calls `(axiosClient || axios).request(config)`. It never sets maxRedirects, and
//   core/http-request.ts (HttpRequest: method, url, body, headers, authentication, queryParams, timeout) has no
//   redirect option, so it always follows, through axios's follow-redirects: a 301 turns POST into GET (PATCH,
//   PUT, DELETE are re-sent as they are), and the Authorization header (from `authentication` or `headers`) is
//   dropped when the Location changes host (api2.frontapp.com → api.frontapp.com).
// Recognised by import (`import { httpClient } from '@activepieces/pieces-common'`), whether or not the package
// is installed. A second argument (an axios instance) is not read.
import { ts, skipOuter } from '../ts';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { literalUpper, option, stopsFollowing } from './options';

// `@activepieces/pieces-common`, and the same package in rebranded forks of Activepieces, which keep the package
// and its `httpClient` and only rename the npm scope (`@yflow/pieces-common`, `@IOpeer/pieces-common`).
const PACKAGE = /^@[\w.-]+\/pieces-common$/;

export const activepiecesModel: ClientModel = {
  kind: 'activepieces',
  fromPackage: (module, path) => PACKAGE.test(module) && path === 'httpClient',
  factories: [],
  describe: describeSendRequest,
};

function describeSendRequest(c: ClientCall): RequestInfo | undefined {
  if (c.verb !== 'sendRequest') return undefined;
  const req = c.obj(c.args[0]);
  if (!req) return undefined;
  const u = option(c.ev, req, 'url');
  const m = option(c.ev, req, 'method');
  const info: RequestInfo = {
    ...c.initial,
    label: "Activepieces' httpClient.sendRequest",
    url: u && c.ev.evaluateString(u.value, u.ctx, u.env),
    // `method` is required by HttpRequest; one we cannot read (a wrapper's parameter) is bound at a call site
    method: m ? literalUpper(c.ev, m) : undefined,
    rewritesPost: true,
  };
  // Newer pieces-common sends with the global fetch and `redirect: followRedirects ? 'follow' : 'manual'`
  // (followRedirects defaults to true): same verdicts as axios when it follows, none when it is false.
  const follow = option(c.ev, req, 'followRedirects');
  if (follow && skipOuter(follow.value).kind === ts.SyntaxKind.FalseKeyword) stopsFollowing(info, follow);
  return info;
}
