// Recognises Front contact-resource URLs (`/contacts/:contact_id[/...]`) and rewrites their id.
// Pure string/URL work with no platform APIs beyond WHATWG `URL`, so it runs in Node and browsers.

/** Options shared by every helper that has to decide whether a URL points at Front. */
export interface FrontTargetOptions {
  /**
   * Extra base URLs that lead to Front's Core API, such as a proxy (`https://proxy.internal/front`)
   * or a local test server. Hosts under `frontapp.com` are always Front.
   */
  frontBaseUrls?: readonly string[];
}

/** A contact route found in a URL: where its id sits, so the id can be swapped for another one. */
export interface ContactRoute {
  /** The contact id segment as written in the URL (still percent-encoded). */
  id: string;
  /** The path before `/contacts` (a proxy's base path, usually empty). */
  basePath: string;
  /** The path after the id, e.g. `/notes` (empty for the contact itself). */
  suffix: string;
}

/** `/contacts/<segment>` words that are collection routes, not contact ids. */
const NOT_CONTACT_IDS = new Set(['merge', 'custom_fields']);

export function isFrontHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'frontapp.com' || host.endsWith('.frontapp.com');
}

function trimTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * The base path under which `url` is Front traffic, or `undefined` when the URL is not Front.
 * `*.frontapp.com` serves the API at the root; a configured base URL serves it under its path.
 */
export function frontBasePath(url: URL, options: FrontTargetOptions = {}): string | undefined {
  if ((url.protocol === 'https:' || url.protocol === 'http:') && isFrontHost(url.hostname)) return '';
  for (const base of options.frontBaseUrls ?? []) {
    let parsed: URL;
    try {
      parsed = new URL(base);
    } catch {
      continue;
    }
    if (parsed.protocol !== url.protocol || parsed.host.toLowerCase() !== url.host.toLowerCase()) continue;
    const basePath = trimTrailingSlashes(parsed.pathname);
    if (basePath === '' || url.pathname === basePath || url.pathname.startsWith(basePath + '/')) return basePath;
  }
  return undefined;
}

/** Finds `/contacts/:contact_id[/...]` in a Front URL. Returns `undefined` for anything else. */
export function matchContactRoute(url: URL, options: FrontTargetOptions = {}): ContactRoute | undefined {
  const basePath = frontBasePath(url, options);
  if (basePath === undefined) return undefined;
  const rest = url.pathname.slice(basePath.length);
  const m = /^\/contacts\/([^/]+)(\/.*)?$/.exec(rest);
  if (!m) return undefined;
  const id = m[1]!;
  if (NOT_CONTACT_IDS.has(id)) return undefined;
  return { id, basePath, suffix: m[2] ?? '' };
}

/**
 * The contact id named by a redirect's `Location` header (`https://api.frontapp.com/contacts/crd_xxx`,
 * possibly relative or with a sub-route). Only the id is taken: where the request goes next is decided
 * by the caller, never by the header.
 */
export function contactIdFromLocation(location: string | null | undefined, requestUrl: URL): string | undefined {
  if (!location) return undefined;
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return undefined;
  }
  const segments = target.pathname.split('/');
  for (let i = segments.length - 2; i >= 0; i--) {
    const next = segments[i + 1]!;
    if (segments[i] === 'contacts' && next !== '' && !NOT_CONTACT_IDS.has(next)) return next;
  }
  return undefined;
}

/** `url` with the contact id of `route` replaced by `newId`; origin, rest of the path, query and hash kept. */
export function withContactId(url: URL, route: ContactRoute, newId: string): URL {
  const next = new URL(url.href);
  next.pathname = `${route.basePath}/contacts/${newId}${route.suffix}`;
  return next;
}

/**
 * Redirect statuses that, with a contact id in `Location`, mean "this contact now has another id".
 * Front answers 301; 302/307/308 are treated alike. 303 ("see other", turn into GET) is left alone.
 */
export function isContactMoveStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 307 || status === 308;
}
