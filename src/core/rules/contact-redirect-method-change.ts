// contact-redirect-method-change: a write to /contacts/:contact_id[/…] through a client that follows the 301
// but re-sends it as a GET: `POST /contacts/:id/notes` silently lists the notes instead of creating one. When the
// request leaves its host for Front's Location (api2.frontapp.com → api.frontapp.com), the client also drops the
// Authorization header on the way; the message says so (that request gets no contact-redirect-auth-dropped).
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import { contactRequests, describeRoute, followedAsGet, redirectLeavesHost, requestHost, LOCATION_HOST } from './contact-routes';
import { runtimeHelperSuggestion } from './suggestions';
import { redirectMethodChangeMessage } from './messages';

export const contactRedirectMethodChange: Rule = {
  id: 'contact-redirect-method-change',
  mightApply: () => true, // the URL may come entirely from imported modules
  check(run: RuleRun) {
    for (const { req, sub, node, related } of contactRequests(run)) {
      if (req.helperInstalled) continue; // already routed through front-contacts-runtime
      if (!req.follows || !req.method) continue;
      const host = requestHost(run, req);
      if (!followedAsGet(req, host)) continue;
      const m = req.method;
      const how = req.postRewriteCrossOriginOnly ? `got follows the cross-origin Location (${LOCATION_HOST}) as a GET` : `${req.label ?? req.client} follows it as a GET`;
      // n8n puts Authorization back on the followed request: only the method is lost
      const auth = req.keepsAuthAcrossOrigins ? '' : redirectLeavesHost(run, req)
        ? ` without the Authorization header (the Location is on ${LOCATION_HOST}, another host)`
        : host === LOCATION_HOST ? '' : ` (and without the Authorization header if this host is not ${LOCATION_HOST})`;
      const message = redirectMethodChangeMessage({ method: m, route: describeRoute(sub), how, auth });
      const helper = runtimeHelperSuggestion(run, req);
      run.report({ ruleId: 'contact-redirect-method-change', node, message, related, suggestions: helper ? [helper] : [] });
    }
  },
};
