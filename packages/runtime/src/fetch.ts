// A fetch wrapper that survives Front's contact migration: a request to `/contacts/:id[/...]` that is
// answered with 301 + Location is sent again, unchanged (same method, body and headers), to the same
// origin with only the contact id replaced. Following the redirect the usual way would turn a POST into
// a GET and, when the Location names another host, drop the Authorization header.
// Web-standard APIs only: works in Node 18+, browsers, Deno, Bun and workers.

import { bufferOneShotBody, isOneShotBody } from './body';
import {
  contactIdFromLocation,
  isContactMoveStatus,
  matchContactRoute,
  withContactId,
  type ContactRoute,
  type FrontTargetOptions,
} from './contact-route';

/** The shape of `fetch` this module wraps and returns. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Reported each time a contact redirect is replayed, so callers can store the new id. */
export interface ContactRedirectEvent {
  status: number;
  oldId: string;
  newId: string;
  /** The URL that answered with the redirect. */
  from: string;
  /** The URL the request is sent to next (original origin, new id). */
  to: string;
}

export interface ContactRedirectOptions extends FrontTargetOptions {
  /** How many contact redirects one request may follow (default 5). More is an error. */
  maxRedirects?: number;
  /** Called before each replay; handy to persist `oldId -> newId`. */
  onRedirect?: (event: ContactRedirectEvent) => void;
}

export const DEFAULT_MAX_CONTACT_REDIRECTS = 5;

/** Thrown when a contact keeps redirecting beyond `maxRedirects` (a loop or a very long merge chain). */
export class ContactRedirectError extends Error {
  readonly url: string;
  readonly redirects: number;
  constructor(url: string, redirects: number) {
    super(`front-contacts runtime: ${url} still redirects after ${redirects} contact redirect(s); giving up`);
    this.name = 'ContactRedirectError';
    this.url = url;
    this.redirects = redirects;
  }
}

interface RequestLike {
  url: string;
  method: string;
  headers: HeadersInit;
  body: unknown;
  signal?: AbortSignal | null;
  credentials?: RequestCredentials;
  cache?: RequestCache;
  integrity?: string;
  keepalive?: boolean;
  referrerPolicy?: ReferrerPolicy;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isRequestLike(input: unknown): input is RequestLike {
  return (
    typeof input === 'object' &&
    input !== null &&
    !(input instanceof URL) &&
    typeof (input as { url?: unknown }).url === 'string' &&
    typeof (input as { method?: unknown }).method === 'string' &&
    typeof (input as { arrayBuffer?: unknown }).arrayBuffer === 'function'
  );
}

function documentBase(): string | undefined {
  const loc = (globalThis as { location?: { href?: unknown } }).location;
  return loc && typeof loc.href === 'string' ? loc.href : undefined;
}

function parseRequestUrl(input: string | URL | Request): URL | undefined {
  const text = isRequestLike(input) ? input.url : String(input);
  try {
    return new URL(text, documentBase());
  } catch {
    return undefined;
  }
}

/**
 * Everything needed to send the request again: the init of the original call with the Request's own
 * fields folded in and any one-shot body read into bytes.
 */
async function replayableInit(input: string | URL | Request, init: RequestInit | undefined): Promise<RequestInit> {
  const out: RequestInit = {};
  if (isRequestLike(input)) {
    out.method = input.method;
    out.headers = input.headers;
    if (input.signal) out.signal = input.signal;
    if (input.credentials !== undefined) out.credentials = input.credentials;
    if (input.cache !== undefined) out.cache = input.cache;
    if (input.integrity) out.integrity = input.integrity;
    if (input.keepalive !== undefined) out.keepalive = input.keepalive;
    if (input.referrerPolicy) out.referrerPolicy = input.referrerPolicy;
    // A Request's body is a stream: read it once, only when the init does not replace it.
    if (input.body != null && init?.body === undefined) out.body = await input.arrayBuffer();
  }
  // Like fetch itself, an init member that is `undefined` does not override the Request's.
  for (const [key, value] of Object.entries(init ?? {})) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  if (isOneShotBody(out.body)) out.body = await bufferOneShotBody(out.body);
  // `duplex` only matters for stream bodies, which are bytes now.
  delete (out as { duplex?: unknown }).duplex;
  return out;
}

async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body is of no interest; a failure to cancel it must not hide the real outcome.
  }
}

/**
 * Wraps `fetch` so that requests to Front contact routes follow contact migrations safely.
 *
 * For a request to `/contacts/:id[/...]` on Front (any `*.frontapp.com` host or one of
 * `options.frontBaseUrls`), the request is sent with `redirect: 'manual'`. When Front answers 301 with a
 * `Location` naming a contact, the same method, body and headers (Authorization included) are sent again
 * to the ORIGINAL origin and path with only the contact id replaced, up to `maxRedirects` times.
 * Every other request is passed to `fetchFn` untouched.
 */
export function withContactRedirects<F extends FetchLike>(fetchFn: F, options: ContactRedirectOptions = {}): F {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_CONTACT_REDIRECTS;
  const wrapped: FetchLike = async (input, init) => {
    const url = parseRequestUrl(input);
    const route = url && matchContactRoute(url, options);
    if (!url || !route) return fetchFn(input, init);

    const sendInit = await replayableInit(input, init);
    let currentUrl: URL = url;
    let currentRoute: ContactRoute = route;
    for (let redirects = 0; ; redirects++) {
      const response = await fetchFn(currentUrl.href, { ...sendInit, redirect: 'manual' });
      let newId: string | undefined;
      if (response.type === 'opaqueredirect') {
        // Browsers hide Location from manual redirects; learn the new id from a GET on the contact itself.
        newId = await discoverMovedIdInBrowser(fetchFn, currentUrl, currentRoute, sendInit);
      } else if (isContactMoveStatus(response.status)) {
        newId = contactIdFromLocation(response.headers.get('location'), currentUrl);
      }
      if (newId === undefined || newId === currentRoute.id) return response;
      await discardBody(response);
      if (redirects >= maxRedirects) throw new ContactRedirectError(url.href, redirects);
      const nextUrl = withContactId(currentUrl, currentRoute, newId);
      options.onRedirect?.({ status: response.status, oldId: currentRoute.id, newId, from: currentUrl.href, to: nextUrl.href });
      currentRoute = { ...currentRoute, id: newId };
      currentUrl = nextUrl;
    }
  };
  return wrapped as F;
}

/**
 * In a browser a manual redirect is opaque. A followed GET of the contact itself (never the sub-route,
 * so nothing is created twice) ends at the new contact URL, whatever status it ends with: its final URL
 * names the new id even when the browser dropped Authorization on the way.
 */
async function discoverMovedIdInBrowser(
  fetchFn: FetchLike,
  url: URL,
  route: ContactRoute,
  sendInit: RequestInit,
): Promise<string | undefined> {
  const contactUrl = withContactId(url, { ...route, suffix: '' }, route.id);
  contactUrl.search = '';
  const probe = await fetchFn(contactUrl.href, {
    method: 'GET',
    headers: sendInit.headers,
    credentials: sendInit.credentials,
    signal: sendInit.signal,
    redirect: 'follow',
  });
  await discardBody(probe);
  if (!probe.redirected || !probe.url) return undefined;
  try {
    return contactIdFromLocation(probe.url, contactUrl);
  } catch {
    return undefined;
  }
}

export interface ResolveContactIdOptions extends ContactRedirectOptions {
  /** Front API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Extra headers (or the Authorization header itself when no `token` is given). */
  headers?: HeadersInit;
  /** API base URL (default `https://api2.frontapp.com`). */
  baseUrl?: string;
  /** The fetch to use (default the global `fetch`). */
  fetch?: FetchLike;
  signal?: AbortSignal;
}

/** Thrown by `resolveContactId` when Front does not answer 2xx for the contact. */
export class ContactResolveError extends Error {
  readonly status: number;
  readonly contactId: string;
  constructor(contactId: string, status: number) {
    const why = status === 401 || status === 403 ? ' (token rejected)' : status === 404 ? ' (no such contact)' : '';
    super(`front-contacts runtime: Front answered HTTP ${status} for contact ${contactId}${why}`);
    this.name = 'ContactResolveError';
    this.status = status;
    this.contactId = contactId;
  }
}

export const DEFAULT_FRONT_BASE_URL = 'https://api2.frontapp.com';

/**
 * The current id of a contact: for a migrated (legacy) id, the id of the company contact it became.
 * Fetches `GET /contacts/:id` through `withContactRedirects` and returns the `id` of the contact found.
 */
export async function resolveContactId(id: string, options: ResolveContactIdOptions = {}): Promise<string> {
  const baseUrl = (options.baseUrl ?? DEFAULT_FRONT_BASE_URL).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (!fetchFn) throw new TypeError('front-contacts runtime: no fetch available; pass options.fetch');
  const follow = withContactRedirects(fetchFn, {
    ...options,
    frontBaseUrls: [...(options.frontBaseUrls ?? []), baseUrl],
  });
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const response = await follow(`${baseUrl}/contacts/${encodeURIComponent(id)}`, {
    method: 'GET',
    headers,
    signal: options.signal,
  });
  if (!response.ok) {
    await discardBody(response);
    throw new ContactResolveError(id, response.status);
  }
  const contact: unknown = await response.json();
  const found = typeof contact === 'object' && contact !== null ? (contact as { id?: unknown }).id : undefined;
  if (typeof found !== 'string' || found === '') {
    throw new TypeError(`front-contacts runtime: Front's answer for contact ${id} has no id`);
  }
  return found;
}
