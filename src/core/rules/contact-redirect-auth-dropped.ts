// contact-redirect-auth-dropped: a request to /contacts/:contact_id[/…] on a Front host other than api.frontapp.com
// (api2.frontapp.com, <company>.api.frontapp.com, a proxy that passes Front's 301 on), through a client that follows
// the 301 and keeps the method. Front's Location is `https://api.frontapp.com/contacts/crd_xxx`: another host, so
// every client drops the Authorization header on the way (checked in each client's source, see the README) and the
// request comes back 401 instead of the contact.
//
// The other two redirect rules own the rest of the requests, so each request gets at most one redirect finding:
// a client that does not follow → contact-redirect-disabled; a method the redirect turns into a GET →
// contact-redirect-method-change (whose message also names the lost header).
import type { Rule } from './rule';
import type { RuleRun, Request } from '../run';
import type { Suggestion } from '../types';
import type { ClientKind } from '../clients';
import { contactRequests, describeRoute, followedAsGet, redirectLeavesHost, LOCATION_HOST } from './contact-routes';
import { runtimeHelperSuggestion } from './suggestions';
import { redirectAuthDroppedMessage } from './messages';
import { charIndex, sourceRange } from '../values';
import { pathView } from '../url';

/** How each client loses the header (the evidence is in the README's rule section). */
const DROPS_AUTH: Record<ClientKind, string> = {
  fetch: 'fetch removes Authorization on a cross-origin redirect (Fetch standard; undici implements it)',
  'undici-fetch': "undici's fetch removes Authorization on a cross-origin redirect",
  'node-fetch': 'node-fetch removes Authorization when the redirect goes to another host',
  ky: 'ky follows with fetch, which removes Authorization on a cross-origin redirect',
  ofetch: 'ofetch follows with fetch, which removes Authorization on a cross-origin redirect',
  'openapi-fetch': 'openapi-fetch follows with fetch, which removes Authorization on a cross-origin redirect',
  wretch: 'wretch follows with fetch, which removes Authorization on a cross-origin redirect',
  redaxios: 'redaxios follows with fetch, which removes Authorization on a cross-origin redirect',
  bent: 'bent never follows a redirect', // never reported here: bent does not follow
  phin: 'phin (followRedirects) follows with follow-redirects, which removes Authorization when the redirect changes host',
  axios: 'axios (follow-redirects) removes Authorization when the redirect changes host',
  got: 'got removes Authorization when the redirect changes origin',
  superagent: 'superagent removes Authorization when the redirect changes host',
  needle: 'needle removes Authorization when the redirect changes host',
  request: 'the request package removes Authorization when the redirect changes host name',
  'undici-request': "undici's redirect handler removes Authorization when the redirect changes origin",
  activepieces: "Activepieces' httpClient follows with axios (follow-redirects), which removes Authorization when the redirect changes host",
  pipedream: "Pipedream's axios follows with follow-redirects, which removes Authorization when the redirect changes host",
  zapier: "Zapier's z.request follows with node-fetch, which removes Authorization when the redirect goes to another host",
  n8n: "n8n's helpers remove Authorization on a cross-origin redirect when sendCredentialsOnCrossOriginRedirect is false",
  appmixer: "Appmixer's context.httpRequest follows with axios (follow-redirects), which removes Authorization when the redirect changes host",
  frigg: "Frigg's requester follows with node-fetch, which removes Authorization when the redirect goes to another host",
  'http-helper': 'HTTP clients remove Authorization when a redirect changes host',
  http: 'HTTP clients remove Authorization when a redirect changes host',
};

export const contactRedirectAuthDropped: Rule = {
  id: 'contact-redirect-auth-dropped',
  mightApply: () => true, // the URL may come entirely from imported modules
  check(run: RuleRun) {
    for (const { req, sub, node, related } of contactRequests(run)) {
      if (req.helperInstalled) continue; // already routed through front-contacts-runtime
      if (!req.follows || !req.method) continue; // not followed: contact-redirect-disabled
      const leaves = redirectLeavesHost(run, req);
      if (!leaves) continue; // api.frontapp.com itself, or a host nobody can read here
      if (followedAsGet(req, leaves.host)) continue; // contact-redirect-method-change
      // n8n's beforeRedirect puts the credentials back on a cross-origin redirect (sendCredentialsOnCrossOriginRedirect)
      if (req.keepsAuthAcrossOrigins) continue;
      const host = leaves.host.replace(/\uE000/g, '<company>');
      const from = leaves.proxy ? `${host} (a passThroughProxies entry)` : host;
      const message = redirectAuthDroppedMessage({
        method: req.method, route: describeRoute(sub), from, locationHost: LOCATION_HOST,
        dropsAuth: DROPS_AUTH[req.client], retarget: !leaves.proxy,
      });
      const suggestions: Suggestion[] = [];
      const helper = runtimeHelperSuggestion(run, req);
      if (helper) suggestions.push(helper);
      const retarget = leaves.proxy ? undefined : locationHostSuggestion(run, req, leaves.host);
      if (retarget) suggestions.push(retarget);
      run.report({ ruleId: 'contact-redirect-auth-dropped', node, message, related, suggestions });
    }
  },
};

/**
 * "Point the request at https://api.frontapp.com": replace the host text, when it is written as one literal in this
 * file (`'https://api2.frontapp.com'`, a `const FRONT = …` or `baseURL: …` here). Editing a shared constant moves
 * every request built from it, which is what the team wants: they all get the same 301.
 */
function locationHostSuggestion(run: RuleRun, req: Request, host: string): Suggestion | undefined {
  if (req.viaWrapper || req.ctx !== run.ctx || !req.url) return undefined;
  const pv = pathView(req.url, run.frontBaseUrls);
  const at = pv.flat.toLowerCase().indexOf(host, pv.flat.indexOf('//') + 2);
  if (pv.flat.indexOf('//') < 0 || at < 0) return undefined;
  const idx = charIndex(req.url);
  const [pi, from] = idx[at];
  const [pj, toLast] = idx[at + host.length - 1];
  const part = req.url[pi];
  if (pi !== pj || part.kind !== 'lit' || !part.origin || part.origin.ctx !== run.ctx || part.replaced) return undefined;
  const range = sourceRange(part.origin, from, toLast + 1);
  if (!range || run.ctx.sf.text.slice(range[0], range[1]).toLowerCase() !== host) return undefined;
  return {
    title: `Replace \`${host}\` with \`${LOCATION_HOST}\` (the host Front's Location names)`,
    edits: [{ file: run.ctx.fileName, start: range[0], end: range[1], newText: LOCATION_HOST }],
  };
}
