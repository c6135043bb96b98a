// Every rule's message text, in one place. A message is read in a Problems-panel row that is cut after ~80
// characters, so it starts with what to change, then ` — ` and why: "Request /contacts instead of
// /teams/:team_id/contacts — Front deprecated …". The wording follows the request's method: a write is not
// "answered with the contact", it is applied or not.
import { RUNTIME_MODULE } from './suggestions';

/** Between the first clause (what to change) and the explanation. */
export const CLAUSE_SEPARATOR = ' — ';
/** The longest first clause a message may have (the part a narrow Problems panel still shows). */
export const FIRST_CLAUSE_MAX = 80;

const READS = new Set(['GET', 'HEAD']);

function message(action: string, why: string): string {
  return `${action}${CLAUSE_SEPARATOR}${why}`;
}

/** `GET /contacts/:contact_id/notes`, or `this request` when the method is unknown. */
function requestName(method: string | undefined, route: string): string {
  return method ? `${method} ${route}` : `requests to ${route}`;
}

/** The action clause, with the route left out when it would make the clause too long. */
function fitted(make: (what: string) => string, method: string | undefined, route: string): string {
  const full = make(requestName(method, route));
  return full.length <= FIRST_CLAUSE_MAX ? full : make(method ? `this ${method}` : 'this request');
}

/** What a read of the route answers when it works: the contact, its notes, … */
function whatIsRead(route: string): string {
  const sub = /^\/contacts\/:contact_id\/([a-z_]+)$/.exec(route);
  return route === '/contacts/:contact_id' ? 'the contact' : sub ? `the contact's ${sub[1].replace(/_/g, ' ')}` : 'the answer';
}

export const teamContactsMessage = (): string =>
  message('Request /contacts instead of /teams/:team_id/contacts',
    'Front deprecated the team-scoped route when contacts became company-wide; it now behaves like /contacts.');

export interface RedirectDisabledFacts {
  method: string | undefined;
  route: string;
  /** Why the request does not follow (`redirect: 'manual' turns redirect following off`). */
  why: string;
  /** Following the 301 works for this request (a read sent to the Location's own host). */
  followWorks: boolean;
}

export function redirectDisabledMessage(f: RedirectDisabledFacts): string {
  const action = f.followWorks
    ? fitted((what) => `Follow the 301 for ${what}`, f.method, f.route)
    : fitted((what) => `Route ${what} through ${RUNTIME_MODULE}`, f.method, f.route);
  const outcome = !f.method || READS.has(f.method)
    ? `this request gets the 301 instead of ${whatIsRead(f.route)}`
    : `the ${f.method} gets the 301 and is not applied`;
  return message(action, `a migrated contact answers 301 with its new id in Location, but ${f.why}, so ${outcome}.`);
}

export interface MethodChangeFacts {
  method: string;
  route: string;
  /** How the client re-sends it (`axios follows it as a GET`). */
  how: string;
  /** What happens to the Authorization header, as a trailing clause (may be empty). */
  auth: string;
}

export function redirectMethodChangeMessage(f: MethodChangeFacts): string {
  const action = fitted((what) => `Route ${what} through ${RUNTIME_MODULE}`, f.method, f.route);
  return message(action, `for a migrated contact Front answers 301, and ${f.how}${f.auth}, so the ${f.method} is silently not applied.`);
}

export interface AuthDroppedFacts {
  method: string;
  route: string;
  /** The request's host, as the message names it (`api2.frontapp.com`). */
  from: string;
  locationHost: string;
  /** How the client loses the header. */
  dropsAuth: string;
  /** Pointing the request at the Location's host is a fix too (not for a pass-through proxy). */
  retarget: boolean;
}

export function redirectAuthDroppedMessage(f: AuthDroppedFacts): string {
  const action = fitted((what) => `Route ${what} through ${RUNTIME_MODULE}`, f.method, f.route);
  const outcome = READS.has(f.method)
    ? `comes back 401 instead of ${whatIsRead(f.route)}`
    : `comes back 401 and is not applied`;
  const or = f.retarget ? ` (or request https://${f.locationHost} directly)` : '';
  return message(action,
    `for a migrated contact Front answers 301 with Location on https://${f.locationHost}, another host than ${f.from}; ` +
    `${f.dropsAuth}, so the followed ${f.method} ${outcome}${or}.`);
}

export const chatIdentifyWithoutEmailMessage = (): string =>
  message("Pass the user's email to Front Chat's identify call",
    'with a userId only, Front cannot dedupe the contact on email and creates a duplicate instead of linking the existing one.');

export const chatIdentifyPhoneMessage = (): string =>
  message("Remove phone from Front Chat's identify call",
    'the call does not support phone: the number is not stored on the contact and does not dedupe it; identify the user by email.');

export const frontChatHandleReadonlyMessage = (): string =>
  message('Create an email or phone handle, not a front_chat one',
    "front_chat handles are read-only through Front's API (only incoming chats create them), so Front rejects this write.");
