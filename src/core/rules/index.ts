import type { Rule } from './rule';
import { teamContactsEndpoint } from './team-contacts-endpoint';
import { contactRedirectDisabled } from './contact-redirect-disabled';
import { contactRedirectMethodChange } from './contact-redirect-method-change';
import { contactRedirectAuthDropped } from './contact-redirect-auth-dropped';
import { chatIdentifyWithoutEmail } from './chat-identify-without-email';
import { chatIdentifyPhone } from './chat-identify-phone';
import { frontChatHandleReadonly } from './front-chat-handle-readonly';

/** Every rule, in reporting order. */
export const ALL_RULES: Rule[] = [
  teamContactsEndpoint,
  contactRedirectDisabled,
  contactRedirectMethodChange,
  contactRedirectAuthDropped,
  chatIdentifyWithoutEmail,
  chatIdentifyPhone,
  frontChatHandleReadonly,
];
