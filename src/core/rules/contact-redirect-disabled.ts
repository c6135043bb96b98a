// contact-redirect-disabled: a request to /contacts/:contact_id[/…] through a client (or options) that will
// not follow the 301 Front answers for a migrated contact.
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import { contactRequests, describeRoute } from './contact-routes';
import { followSuggestion, followWorks, runtimeHelperSuggestion } from './suggestions';
import { redirectDisabledMessage } from './messages';
import type { Suggestion } from '../types';

const NEVER_FOLLOWS: Record<string, string> = {
  http: 'node:http/https never follow redirects',
  'undici-request': "undici's request() does not follow redirects",
  needle: 'needle does not follow redirects unless follow_max is set',
  request: 'the request package does not follow redirects for non-GET requests',
};

export const contactRedirectDisabled: Rule = {
  id: 'contact-redirect-disabled',
  mightApply: () => true, // the URL may come entirely from imported modules
  check(run: RuleRun) {
    for (const { req, sub, node, related } of contactRequests(run)) {
      if (req.helperInstalled) continue; // already routed through front-contacts-runtime
      if (req.follows) continue;
      const why = req.disabledBy
        ? `${req.disabledBy.text.replace(/\s+/g, ' ')} turns redirect following off${req.label ? ` for ${req.label}` : ''}`
        : req.noFollowReason ?? NEVER_FOLLOWS[req.client] ?? `${req.label ?? req.client} does not follow redirects`;
      const message = redirectDisabledMessage({ method: req.method, route: describeRoute(sub), why, followWorks: followWorks(run, req) });
      const suggestions: Suggestion[] = [];
      const follow = followSuggestion(run, req);
      if (follow) suggestions.push(follow);
      const helper = runtimeHelperSuggestion(run, req);
      if (helper) suggestions.push(helper);
      run.report({ ruleId: 'contact-redirect-disabled', node, message, related, suggestions });
    }
  },
};
