// The same safe contact-redirect handling as `withContactRedirects`, for needle. needle is not a dependency: it is
// passed in and described structurally.
//
// How: a request to a Front contact route is sent with `follow_max: 0` (a following needle turns a write into a GET
// and drops Authorization on the host change); when it answers 301, the same method, data and options go to the new
// id on the original host, and the caller's callback (or promise) gets that answer. Calls that return needle's
// stream (a shortcut without a callback) pass through untouched: a stream cannot be re-sent.

import { contactIdFromLocation, isContactMoveStatus, matchContactRoute, withContactId } from './contact-route';
import { ContactRedirectError, DEFAULT_MAX_CONTACT_REDIRECTS, type ContactRedirectOptions } from './fetch';

interface NeedleLikeResponse {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
}

type NeedleCallback = (err: unknown, res?: NeedleLikeResponse, body?: unknown) => void;

/** Structural type of needle: `needle(method, url, data, options[, callback])` and `needle.request(…)`. */
export interface NeedleLike {
  request(method: string, url: string, data: unknown, options: Record<string, unknown> | undefined, callback: NeedleCallback): unknown;
}

const NO_DATA = new Set(['get', 'head']);

/**
 * needle with its request functions (`needle(…)`, `.request`, `.get`, `.post`, …) re-sending a migrated
 * contact's request to the new id.
 *
 *     const front = withNeedleContactRedirects(require('needle'));
 *     await front('post', 'https://api2.frontapp.com/contacts/crd_old/notes', note, { json: true, headers });
 */
export function withNeedleContactRedirects<N extends object>(needle: N, options: ContactRedirectOptions = {}): N {
  const real = needle as unknown as NeedleLike & ((...args: unknown[]) => unknown) & Record<string, unknown>;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_CONTACT_REDIRECTS;

  /** One request, answering the contact redirects; the callback gets the final answer. */
  const send = (method: string, url: string, data: unknown, opts: Record<string, unknown> | undefined, callback: NeedleCallback, hops = 0): void => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    const route = parsed && matchContactRoute(parsed, options);
    if (!parsed || !route) {
      real.request(method, url, data, opts, callback);
      return;
    }
    const from = parsed;
    real.request(method, url, data, { ...opts, follow_max: 0, follow: 0 }, (err, res, body) => {
      if (err || !res || !isContactMoveStatus(res.statusCode ?? 0)) return callback(err, res, body);
      const location = res.headers.location;
      const newId = contactIdFromLocation(Array.isArray(location) ? location[0] : location, from);
      if (newId === undefined || newId === route.id) return callback(err, res, body);
      if (hops >= maxRedirects) return callback(new ContactRedirectError(from.href, hops));
      const next = withContactId(from, route, newId);
      options.onRedirect?.({ status: res.statusCode ?? 0, oldId: route.id, newId, from: from.href, to: next.href });
      send(method, next.href, data, opts, callback, hops + 1);
    });
  };

  /** A callback call, or the promise needle itself would return for a call without one. */
  const call = (method: string, url: string, data: unknown, opts: Record<string, unknown> | undefined, callback?: NeedleCallback): unknown => {
    if (callback) return send(method, url, data, opts, callback);
    return new Promise((resolve, reject) => send(method, url, data, opts, (err, res) => (err ? reject(err) : resolve(res))));
  };

  const wrapped = (method: string, url: string, data?: unknown, opts?: Record<string, unknown>, callback?: NeedleCallback): unknown =>
    call(method, url, data, opts, callback);
  const methods: Record<string, unknown> = { request: wrapped };
  for (const m of ['get', 'head', 'post', 'put', 'patch', 'delete']) {
    methods[m] = (url: string, ...rest: unknown[]): unknown => {
      const callback = typeof rest[rest.length - 1] === 'function' ? (rest.pop() as NeedleCallback) : undefined;
      // without a callback needle returns its stream: not something to re-send
      if (!callback) return (real[m] as (...a: unknown[]) => unknown)(url, ...rest);
      const [data, opts] = NO_DATA.has(m) ? [undefined, rest[0]] : [rest[0], rest[1]];
      return send(m, url, data, opts as Record<string, unknown> | undefined, callback);
    };
  }
  return Object.assign(wrapped, real, methods) as unknown as N;
}
