import type { RuleId, Severity } from '../types';

export const DOCS_BASE = 'https://github.com/front-contacts/front-contacts/blob/main/README.md';

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for rule listings (SARIF shortDescription, README table). */
  description: string;
  hasFix: boolean;
  hasSuggestions: boolean;
}

export function docsUrlFor(id: RuleId): string {
  return `${DOCS_BASE}#${id}`;
}

export const RULES: readonly RuleMeta[] = [
  { id: 'team-contacts-endpoint', defaultSeverity: 'error', description: 'Deprecated team-scoped contacts endpoint /teams/:team_id/contacts; use /contacts.', hasFix: true, hasSuggestions: false },
  { id: 'contact-redirect-disabled', defaultSeverity: 'error', description: 'Request to /contacts/:contact_id with a client that does not follow the 301 a migrated contact answers.', hasFix: false, hasSuggestions: true },
  { id: 'contact-redirect-method-change', defaultSeverity: 'warning', description: 'Write to /contacts/:contact_id through a client whose redirect handling turns it into a GET.', hasFix: false, hasSuggestions: true },
  { id: 'contact-redirect-auth-dropped', defaultSeverity: 'warning', description: 'Request to /contacts/:contact_id on a Front host other than api.frontapp.com through a client that follows the 301 and drops Authorization on the host change.', hasFix: false, hasSuggestions: true },
  { id: 'chat-identify-without-email', defaultSeverity: 'warning', description: 'Front Chat identify with userId but no email creates duplicate contacts.', hasFix: false, hasSuggestions: false },
  { id: 'chat-identify-phone', defaultSeverity: 'error', description: 'Front Chat identify does not support phone.', hasFix: false, hasSuggestions: false },
  { id: 'front-chat-handle-readonly', defaultSeverity: 'error', description: 'front_chat contact handles are read-only through the Core API.', hasFix: false, hasSuggestions: false },
];

export function ruleMeta(id: RuleId): RuleMeta {
  const m = RULES.find((r) => r.id === id);
  if (!m) throw new Error(`unknown rule ${id}`);
  return m;
}
