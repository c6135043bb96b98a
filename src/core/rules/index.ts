import type { Rule } from './rule';
import { teamContactsEndpoint } from './team-contacts-endpoint';
import { contactRedirectDisabled } from './contact-redirect-disabled';
import { contactRedirectMethodChange } from './contact-redirect-method-change';

/** Every rule, in reporting order. Chat rules are added here as they land. */
export const ALL_RULES: Rule[] = [teamContactsEndpoint, contactRedirectDisabled, contactRedirectMethodChange];
