// The same safe contact-redirect handling as `withContactRedirects`, for got (12+) instances.
// got is not a dependency: its shapes are described structurally.
//
// How: got.extend() adds two hooks. beforeRequest turns got's own following off for a Front contact route (a
// followed 301 leaves api2.frontapp.com for api.frontapp.com, where got drops Authorization, and got 15 turns a
// cross-origin POST into a GET). afterResponse sees the 301, takes only the new id from `Location`, and retries
// the same options (method, body, headers) with the id replaced in the original URL, through got's own
// retryWithMergedOptions.

import { contactIdFromLocation, isContactMoveStatus, matchContactRoute, withContactId } from './contact-route';
import { ContactRedirectError, DEFAULT_MAX_CONTACT_REDIRECTS, type ContactRedirectOptions } from './fetch';

/** The got options fields the hooks read or write. */
interface GotLikeOptions {
  url?: string | URL;
  followRedirect?: boolean | ((response: unknown) => boolean);
  context?: Record<string, unknown>;
}

interface GotLikeResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  requestUrl?: URL | string;
  url: string;
  request?: { options?: GotLikeOptions };
}

type RetryWithMergedOptions = (options: Record<string, unknown>) => unknown;

/** Structural type of a got instance: anything with got's `extend`. */
export interface GotLikeInstance<I> {
  extend(options: {
    hooks: {
      beforeRequest: Array<(options: GotLikeOptions) => void>;
      afterResponse: Array<(response: GotLikeResponse, retry: RetryWithMergedOptions) => unknown>;
    };
  }): I;
}

/** Context key counting the contact redirects a request already followed. */
const HOPS_KEY = 'frontContactRedirects';

/**
 * A got instance (`got`, or `got.extend(…)`) whose requests to a migrated contact reach the new id with the
 * same method, body and Authorization, on the original host.
 *
 *     const front = withGotContactRedirects(got.extend({ prefixUrl: 'https://api2.frontapp.com', headers }));
 *     await front.post('contacts/crd_old/notes', { json: { body: 'hi' } }); // POST /contacts/crd_new/notes
 */
export function withGotContactRedirects<I extends GotLikeInstance<I>>(instance: I, options: ContactRedirectOptions = {}): I {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_CONTACT_REDIRECTS;
  return instance.extend({
    hooks: {
      beforeRequest: [
        (o) => {
          const url = toUrl(o.url);
          if (url && matchContactRoute(url, options)) o.followRedirect = false;
        },
      ],
      afterResponse: [
        (response, retryWithMergedOptions) => {
          if (!isContactMoveStatus(response.statusCode)) return response;
          const url = toUrl(response.requestUrl ?? response.url);
          const route = url && matchContactRoute(url, options);
          if (!url || !route) return response;
          const location = response.headers.location;
          const newId = contactIdFromLocation(Array.isArray(location) ? location[0] : location, url);
          if (newId === undefined || newId === route.id) return response;
          const context = response.request?.options?.context ?? {};
          const hops = Number(context[HOPS_KEY] ?? 0);
          if (hops >= maxRedirects) throw new ContactRedirectError(url.href, hops);
          const next = withContactId(url, route, newId);
          options.onRedirect?.({ status: response.statusCode, oldId: route.id, newId, from: url.href, to: next.href });
          // got sets prefixUrl to '' before taking `url`, so the absolute URL is used as it is
          return retryWithMergedOptions({ url: next, context: { ...context, [HOPS_KEY]: hops + 1 } });
        },
      ],
    },
  });
}

function toUrl(u: string | URL | undefined): URL | undefined {
  if (u === undefined) return undefined;
  try {
    return new URL(String(u));
  } catch {
    return undefined;
  }
}
