// Reading a page of `GET /contacts` and deciding where the next one is, and whether the token may go there.

import { isFrontHost } from '../../packages/runtime/src/contact-route';
import { LegacyIdsRunError } from './errors';

export interface ContactPage {
  results: unknown[];
  /** `_pagination.next` as sent (possibly relative); null on the last page. */
  next: string | null;
}

/** A contact list page (`_results` array, optional `_pagination.next` string), or undefined for anything else. */
export function parseContactPage(data: unknown): ContactPage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const results = (data as { _results?: unknown })._results;
  const pagination = (data as { _pagination?: unknown })._pagination;
  if (!Array.isArray(results)) return undefined;
  let next: unknown = null;
  if (typeof pagination === 'object' && pagination !== null) next = (pagination as { next?: unknown }).next ?? null;
  if (next !== null && typeof next !== 'string') return undefined;
  return { results, next: next === '' ? null : next };
}

/** `_pagination.next` as an absolute URL; a page that names itself as next would loop forever. */
export function resolveNextUrl(next: string, current: string): string {
  let url: URL;
  try {
    url = new URL(next, current);
  } catch {
    throw new LegacyIdsRunError(`the API returned an invalid _pagination.next: ${JSON.stringify(next).slice(0, 200)}`);
  }
  if (url.href === current) throw new LegacyIdsRunError(`the API named the page it just returned as the next page (${url.href}); stopping`);
  return url.href;
}

/**
 * Whether the token may be sent to `href`: only to hosts we were told about — the base URL's origin,
 * Front's own https hosts when the base is one, and `allowHosts` (host[:port], lower case).
 */
export function mayReceiveToken(href: string, base: URL, allowHosts: readonly string[]): boolean {
  const url = new URL(href);
  return (
    url.origin === base.origin ||
    (url.protocol === 'https:' && isFrontHost(url.hostname) && isFrontHost(base.hostname)) ||
    allowHosts.includes(url.host.toLowerCase())
  );
}

/** Throws the message that tells the user how to allow a host the token may not go to. */
export function checkTokenMayGo(href: string, base: URL, allowHosts: readonly string[]): void {
  if (mayReceiveToken(href, base, allowHosts)) return;
  const url = new URL(href);
  throw new LegacyIdsRunError(
    `refusing to send the API token to ${url.origin} (named by _pagination.next); if that host is yours, pass --allow-host ${url.host}`,
  );
}
