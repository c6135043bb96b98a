// A small fake of Front's Core API on 127.0.0.1, for tests that need real HTTP: paging with page_token and
// absolute `_pagination.next` URLs, `_migration.legacy_ids`, 301 + Location for migrated contact routes
// (any method), rate-limit headers, and injected 429s, 500s, connection resets and hangs.
// It listens on two ports so a Location or a next-page URL can point at a different origin ("other host").

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeContact {
  id: string;
  name?: string;
  /** Ids of team contacts migrated into this one (`_migration.legacy_ids`). */
  legacyIds?: string[];
}

export type FaultKind = 'rate-limit' | 'server-error' | 'reset' | 'hang';

export interface Fault {
  kind: FaultKind;
  /** Which requests get the fault (default: any). Checked in the order faults were added. */
  match?: (request: RecordedRequest) => boolean;
  /** How many matching requests get it (default 1). */
  times?: number;
  /** rate-limit: `Retry-After` in seconds (default 0); `null` sends none (then only x-ratelimit-reset). */
  retryAfter?: number | null;
  /** rate-limit: seconds from now put in `x-ratelimit-reset` (default 0). */
  resetIn?: number;
  /** server-error: the status (default 500). */
  status?: number;
}

export interface RecordedRequest {
  /** Which listener got it: the primary origin (`url`) or the other one (`otherUrl`). */
  origin: 'primary' | 'other';
  method: string;
  /** Path and query as sent. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** What the server did: a status code, or 'reset' / 'hang'. */
  outcome?: number | 'reset' | 'hang';
}

export interface FrontServerOptions {
  contacts?: FakeContact[];
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
  /** Origin written in `_pagination.next` (default 'same' as the request's). */
  nextOrigin?: 'same' | 'other';
  /** Origin written in the 301 `Location` (default 'other', like api2 -> api). */
  locationOrigin?: 'same' | 'other';
  /** Extra redirects `oldId -> newId` beyond the legacy ids (chains, loops). */
  redirects?: Record<string, string>;
  /** A simple window limiter: at most `limit` requests per `windowSeconds`, then 429 until the window ends. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Largest accepted `limit` (default 100, like Front). */
  maxLimit?: number;
}

export interface FrontServer {
  /** `http://127.0.0.1:<port>` — the API's base URL. */
  readonly url: string;
  /** A second origin served by the same fake (another port): the "other host". */
  readonly otherUrl: string;
  readonly requests: RecordedRequest[];
  contacts: FakeContact[];
  addFault(fault: Fault): void;
  /** Requests for the contact list (`GET /contacts`), in arrival order. */
  listRequests(): RecordedRequest[];
  close(): Promise<void>;
}

function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetFromToken(token: string): number | undefined {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function frontContactJson(contact: FakeContact, origin: string): Record<string, unknown> {
  const json: Record<string, unknown> = {
    _links: {
      self: `${origin}/contacts/${contact.id}`,
      related: {
        notes: `${origin}/contacts/${contact.id}/notes`,
        conversations: `${origin}/contacts/${contact.id}/conversations`,
      },
    },
    id: contact.id,
    name: contact.name ?? `Contact ${contact.id}`,
    description: '',
    avatar_url: null,
    is_spammer: false,
    links: [],
    groups: [],
    handles: [{ handle: `${contact.id}@example.com`, source: 'email' }],
    custom_fields: {},
    is_private: false,
  };
  if (contact.legacyIds) json._migration = { legacy_ids: contact.legacyIds };
  return json;
}

export async function startFrontServer(options: FrontServerOptions = {}): Promise<FrontServer> {
  const requests: RecordedRequest[] = [];
  const faults: Array<Fault & { left: number }> = [];
  const origins = { primary: '', other: '' };
  let windowStart = Date.now();
  let windowCount = 0;

  const state = {
    contacts: options.contacts ?? [],
  };

  function rateHeaders(res: ServerResponse, remaining: number, resetIn: number): void {
    const limit = options.rateLimit?.limit ?? 50;
    res.setHeader('x-ratelimit-limit', String(limit));
    res.setHeader('x-ratelimit-remaining', String(Math.max(0, remaining)));
    res.setHeader('x-ratelimit-reset', ((Date.now() + resetIn * 1000) / 1000).toFixed(3));
  }

  function send(res: ServerResponse, rec: RecordedRequest, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    rec.outcome = status;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined) {
      res.statusCode = status;
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(text);
  }

  function newIdFor(id: string): string | undefined {
    if (options.redirects && id in options.redirects) return options.redirects[id];
    for (const c of state.contacts) if (c.legacyIds?.includes(id)) return c.id;
    return undefined;
  }

  function handle(which: 'primary' | 'other', req: IncomingMessage, res: ServerResponse, body: string): void {
    const origin = origins[which];
    const url = new URL(req.url ?? '/', origin);
    const rec: RecordedRequest = {
      origin: which,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      pathname: url.pathname,
      query: url.searchParams,
      headers: { ...req.headers },
      body,
    };
    requests.push(rec);

    for (const fault of faults) {
      if (fault.left <= 0 || (fault.match && !fault.match(rec))) continue;
      fault.left--;
      switch (fault.kind) {
        case 'reset':
          rec.outcome = 'reset';
          req.socket.destroy();
          return;
        case 'hang':
          rec.outcome = 'hang';
          return; // never answered; close() tears the socket down
        case 'server-error':
          send(res, rec, fault.status ?? 500, { _error: { status: fault.status ?? 500, title: 'Internal Server Error', message: 'injected' } });
          return;
        case 'rate-limit': {
          const headers: Record<string, string> = {};
          if (fault.retryAfter !== null) headers['retry-after'] = String(fault.retryAfter ?? 0);
          rateHeaders(res, 0, fault.resetIn ?? 0);
          send(res, rec, 429, { _error: { status: 429, title: 'Too Many Requests', message: 'Rate limit exceeded' } }, headers);
          return;
        }
      }
    }

    // Window limiter, like Front's per-company budget.
    let remaining = 50;
    let resetIn = 60;
    if (options.rateLimit) {
      const now = Date.now();
      const windowMs = options.rateLimit.windowSeconds * 1000;
      if (now - windowStart >= windowMs) {
        windowStart = now;
        windowCount = 0;
      }
      resetIn = (windowStart + windowMs - now) / 1000;
      if (windowCount >= options.rateLimit.limit) {
        rateHeaders(res, 0, resetIn);
        send(res, rec, 429, { _error: { status: 429, title: 'Too Many Requests', message: 'Rate limit exceeded' } }, {
          'retry-after': String(Math.ceil(resetIn)),
        });
        return;
      }
      windowCount++;
      remaining = options.rateLimit.limit - windowCount;
    }
    rateHeaders(res, remaining, resetIn);

    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, rec, 401, { _error: { status: 401, title: 'Unauthorized', message: 'Invalid token' } });
      return;
    }

    if (url.pathname === '/contacts' && rec.method === 'GET') {
      const maxLimit = options.maxLimit ?? 100;
      const limit = Number(url.searchParams.get('limit') ?? '50');
      if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
        send(res, rec, 400, { _error: { status: 400, title: 'Bad request', message: `limit must be 1..${maxLimit}` } });
        return;
      }
      const token = url.searchParams.get('page_token');
      const offset = token === null ? 0 : offsetFromToken(token);
      if (offset === undefined) {
        send(res, rec, 400, { _error: { status: 400, title: 'Bad request', message: 'invalid page_token' } });
        return;
      }
      const page = state.contacts.slice(offset, offset + limit);
      const nextOffset = offset + page.length;
      const nextBase = options.nextOrigin === 'other' ? origins.other : origin;
      const next = nextOffset < state.contacts.length ? `${nextBase}/contacts?limit=${limit}&page_token=${pageToken(nextOffset)}` : null;
      send(res, rec, 200, {
        _pagination: { next },
        _links: { self: `${origin}${rec.path}` },
        _results: page.map((c) => frontContactJson(c, origin)),
      });
      return;
    }

    const m = /^\/contacts\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (m && m[1] !== 'merge' && m[1] !== 'custom_fields') {
      const id = decodeURIComponent(m[1]!);
      const rest = m[2] ?? '';
      const movedTo = newIdFor(id);
      if (movedTo !== undefined) {
        // Like Front: Location names the new contact itself (not the sub-route), often on another host.
        const locBase = (options.locationOrigin ?? 'other') === 'other' ? origins.other : origin;
        send(res, rec, 301, undefined, { location: `${locBase}/contacts/${movedTo}` });
        return;
      }
      const contact = state.contacts.find((c) => c.id === id);
      if (!contact) {
        send(res, rec, 404, { _error: { status: 404, title: 'Not found', message: `Unknown contact ${id}` } });
        return;
      }
      if (rest === '' && rec.method === 'GET') {
        send(res, rec, 200, frontContactJson(contact, origin));
        return;
      }
      let parsed: unknown = body;
      try {
        parsed = body === '' ? null : JSON.parse(body);
      } catch {
        // not JSON: echo the raw text
      }
      const status = rec.method === 'POST' ? 201 : 200;
      send(res, rec, status, { contact_id: id, method: rec.method, route: rest, received: parsed });
      return;
    }

    send(res, rec, 404, { _error: { status: 404, title: 'Not found', message: `No route ${rec.method} ${url.pathname}` } });
  }

  function listener(which: 'primary' | 'other'): Server {
    return createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(which, req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  const primary = listener('primary');
  const other = listener('other');
  const listen = (server: Server) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  origins.primary = `http://127.0.0.1:${await listen(primary)}`;
  origins.other = `http://127.0.0.1:${await listen(other)}`;

  return {
    url: origins.primary,
    otherUrl: origins.other,
    requests,
    get contacts() {
      return state.contacts;
    },
    set contacts(value: FakeContact[]) {
      state.contacts = value;
    },
    addFault(fault: Fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    listRequests() {
      return requests.filter((r) => r.method === 'GET' && r.pathname === '/contacts');
    },
    async close() {
      for (const server of [primary, other]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** `count` contacts `crd_0001`…; every `migratedEvery`-th one carries `legacyPerMigrated` legacy ids. */
export function makeContacts(count: number, migratedEvery = 3, legacyPerMigrated = 2): FakeContact[] {
  const contacts: FakeContact[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `crd_${String(i).padStart(4, '0')}`;
    const contact: FakeContact = { id };
    if (i % migratedEvery === 0) {
      contact.legacyIds = Array.from({ length: legacyPerMigrated }, (_, k) => `crd_old${i}_${k}`);
    }
    contacts.push(contact);
  }
  return contacts;
}
