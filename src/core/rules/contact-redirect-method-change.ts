// contact-redirect-method-change: a write to /contacts/:contact_id[/…] through a client that follows the 301
// but re-sends it as a GET: `POST /contacts/:id/notes` silently lists the notes instead of creating one.
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import { contactRequests, describeRoute } from './contact-routes';
import { runtimeHelperSuggestion } from './suggestions';
import { pathView } from '../url';

export const contactRedirectMethodChange: Rule = {
  id: 'contact-redirect-method-change',
  mightApply: () => true, // the URL may come entirely from imported modules
  check(run: RuleRun) {
    for (const { req, sub } of contactRequests(run)) {
      if (req.helperInstalled) continue; // already routed through front-contacts/runtime
      if (!req.follows || !req.method) continue;
      const m = req.method;
      const rewritten = (m === 'POST' && req.rewritesPost) || ((m === 'PATCH' || m === 'PUT' || m === 'DELETE') && req.rewritesAllMethods);
      if (!rewritten) continue;
      if (req.postRewriteCrossOriginOnly && req.url && pathView(req.url, run.frontBaseUrls).host === 'api.frontapp.com') continue;
      const how = req.postRewriteCrossOriginOnly ? 'got follows the cross-origin Location (api.frontapp.com) as a GET' : `${req.label ?? req.client} follows it as a GET`;
      const message = `For a migrated contact Front answers ${m} ${describeRoute(sub)} with a 301, and ${how}, so the ${m} is silently dropped.`;
      const helper = runtimeHelperSuggestion(run, req);
      run.report({ ruleId: 'contact-redirect-method-change', node: req.reportNode, message, suggestions: helper ? [helper] : [] });
    }
  },
};
