// The same safe contact-redirect handling as `withContactRedirects`, for Node's http/https modules, which never
// follow redirects: `withHttpContactRedirects(https).request(options, callback)` answers a migrated contact's
// 301 itself. node:http is not imported: the module is passed in and described structurally, so the runtime
// stays free of Node-only imports.
//
// How: for a Front contact route, what the caller writes is kept; when the 301 arrives it is read and dropped
// (the caller never sees it), the same request (method, headers, body) is sent with the new id to the original
// host, and its response is emitted as the first request's own 'response' (so the callback and
// `req.on('response')` listeners get it). Other requests pass through untouched.

import { contactIdFromLocation, isContactMoveStatus, matchContactRoute, withContactId, type ContactRoute } from './contact-route';
import { ContactRedirectError, DEFAULT_MAX_CONTACT_REDIRECTS, type ContactRedirectOptions } from './fetch';

/** The request options fields read here (node's `RequestOptions`). */
interface HttpLikeOptions {
  protocol?: string | null;
  host?: string | null;
  hostname?: string | null;
  port?: number | string | null;
  path?: string | null;
  agent?: unknown;
}

interface IncomingLike {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  resume(): unknown;
}

interface ClientRequestLike {
  write(chunk: unknown, ...rest: unknown[]): boolean;
  end(...args: unknown[]): unknown;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Structural type of `node:http` / `node:https`. */
export interface HttpLikeModule {
  request(...args: unknown[]): ClientRequestLike;
  get?(...args: unknown[]): ClientRequestLike;
  globalAgent?: { protocol?: string };
}

/**
 * `mod` (node:http or node:https) with `request` and `get` that re-send a request to a migrated contact's new id.
 *
 *     const https = withHttpContactRedirects(require('https'));
 *     https.request({ hostname: 'api2.frontapp.com', path: '/contacts/crd_old', headers }, (res) => …).end();
 */
export function withHttpContactRedirects<M extends object>(module: M, options: ContactRedirectOptions = {}): M {
  const mod = module as unknown as HttpLikeModule;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_CONTACT_REDIRECTS;
  const defaultProtocol = mod.globalAgent?.protocol ?? 'http:';

  const request = (...args: unknown[]): ClientRequestLike => {
    // the caller's callback stays theirs: node registers it as a 'response' listener of `req`, so it gets the final response
    const { url, opts } = readArguments(args, defaultProtocol);
    const route = url && matchContactRoute(url, options);
    const req = mod.request(...args);
    if (!url || !route) return req;
    const chunks: unknown[] = [];
    const write = req.write.bind(req);
    const end = req.end.bind(req);
    req.write = (chunk: unknown, ...rest: unknown[]) => {
      chunks.push(chunk);
      return write(chunk, ...rest);
    };
    req.end = (...endArgs: unknown[]) => {
      if (endArgs.length && typeof endArgs[0] !== 'function') chunks.push(endArgs[0]);
      return end(...endArgs);
    };
    const emit = req.emit.bind(req);
    req.emit = (event: string | symbol, ...rest: unknown[]) => {
      if (event !== 'response') return emit(event, ...rest);
      replay(rest[0] as IncomingLike, url, route, 0).then(
        (res) => emit('response', res),
        (e: unknown) => emit('error', e),
      );
      return true;
    };
    return req;

    /** The response to give the caller: this one, or that of the request re-sent to the new id. */
    async function replay(res: IncomingLike, from: URL, r: ContactRoute, hops: number): Promise<IncomingLike> {
      if (!isContactMoveStatus(res.statusCode ?? 0)) return res;
      const location = res.headers.location;
      const newId = contactIdFromLocation(Array.isArray(location) ? location[0] : location, from);
      if (newId === undefined || newId === r.id) return res;
      if (hops >= maxRedirects) throw new ContactRedirectError(from.href, hops);
      res.resume(); // the 301's body is not wanted
      const next = withContactId(from, r, newId);
      options.onRedirect?.({ status: res.statusCode ?? 0, oldId: r.id, newId, from: from.href, to: next.href });
      const again = await send(next);
      return replay(again, next, matchContactRoute(next, options) ?? r, hops + 1);
    }

    function send(next: URL): Promise<IncomingLike> {
      return new Promise((resolve, reject) => {
        const nextOptions = { ...opts, path: `${next.pathname}${next.search}` };
        const again = mod.request(nextOptions, (res: IncomingLike) => resolve(res));
        again.on('error', reject as (...a: unknown[]) => void);
        for (const c of chunks) again.write(c);
        again.end();
      });
    }
  };

  const get = (...args: unknown[]): ClientRequestLike => {
    const req = request(...args);
    req.end();
    return req;
  };

  return Object.assign(Object.create(mod) as object, { request, get }) as M;
}

/** node's `(url[, options][, callback])` / `(options[, callback])`, as one options object and a URL. */
function readArguments(args: unknown[], defaultProtocol: string): { url?: URL; opts: HttpLikeOptions } {
  let opts: HttpLikeOptions = {};
  let i = 0;
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    const u = new URL(String(args[0]));
    opts = { protocol: u.protocol, hostname: u.hostname, port: u.port || undefined, path: `${u.pathname}${u.search}` };
    i = 1;
  }
  if (args[i] && typeof args[i] === 'object') opts = { ...opts, ...(args[i] as HttpLikeOptions) };
  const agentProtocol = (opts.agent as { protocol?: string } | undefined)?.protocol;
  const protocol = opts.protocol ?? agentProtocol ?? defaultProtocol;
  const host = opts.hostname ?? (opts.host ?? 'localhost').replace(/:\d+$/, '');
  const port = opts.port ?? (opts.host && /:(\d+)$/.exec(opts.host)?.[1]);
  try {
    return { url: new URL(`${protocol}//${host}${port ? `:${port}` : ''}${opts.path ?? '/'}`), opts };
  } catch {
    return { opts };
  }
}
