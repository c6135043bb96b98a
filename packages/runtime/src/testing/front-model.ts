// Front's Core API contact routes as they behave AFTER the contacts migration, as a pure function from a
// request to a response. The msw handlers (./msw.ts) and the `front-contacts simulate` server
// (src/cli/simulate.ts) both answer through it, so they cannot disagree. Web-standard APIs only.
//
// What it does, as Front's migration guide describes it:
// - `/contacts/:old_id[/...]` (any method) answers 301 with `Location: <api origin>/contacts/:new_id[/...]`;
// - contacts that absorbed team contacts carry `_migration.legacy_ids`;
// - `/teams/:team_id/contacts` (deprecated) behaves like `/contacts`;
// - lists page with `limit` and `page_token`, the next page's absolute URL in `_pagination.next`;
// - a request without `Authorization` gets 401 (so a client that dropped it on a redirect is caught);
// - optionally, a rate limit answers 429 with `Retry-After`.

/** A contact the fake knows. Ids in `migrated` need not be listed: their targets are created. */
export interface SimulatedContact {
  id: string;
  name?: string;
  /** Defaults to one email handle `<id>@example.com`. */
  handles?: Array<{ handle: string; source: string }>;
}

export interface FrontMigrationOptions {
  /** Legacy (team) contact id → the company contact id it was migrated into. Chains are allowed. */
  migrated: Record<string, string>;
  /** More contacts (ids or objects), listed before the migration targets. */
  contacts?: Array<string | SimulatedContact>;
  /** Team ids whose deprecated `/teams/:id/contacts` answers; default: any team id. */
  teams?: string[];
  /** Requests beyond `limit` in a window of `windowSeconds` (default 60) get 429 + Retry-After. */
  rateLimit?: { limit: number; windowSeconds?: number };
  /** Require exactly `Authorization: Bearer <token>`; default: any non-empty Authorization. */
  token?: string;
  /** Answer 401 to requests without Authorization (default true, like Front). */
  requireAuth?: boolean;
  /** Page size when the request gives no `limit` (default 50; at most 100, like Front). */
  pageSize?: number;
}

/** The request as the model reads it. */
export interface ModelRequest {
  method: string;
  url: URL;
  /** Header lookup, case-insensitive. */
  header(name: string): string | null | undefined;
  /** The body as text ('' when none). */
  body: string;
}

/** What the migration did to a request, for logs and assertions. */
export type MigrationEffect =
  | { kind: 'moved'; oldId: string; newId: string; location: string }
  | { kind: 'team-contacts'; teamId: string }
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'unauthorized'; reason: 'missing' | 'invalid' }
  | { kind: 'none' };

export interface ModelResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body; undefined for none. */
  body?: unknown;
  effect: MigrationEffect;
}

export interface StoredNote {
  contactId: string;
  body: unknown;
}

/** Where a contact route's id sits: `/contacts/<id><suffix>`. */
const CONTACT_ROUTE = /^\/contacts\/([^/]+)(\/.*)?$/;
const TEAM_CONTACTS = /^\/teams\/([^/]+)\/contacts\/?$/;
const NOT_CONTACT_IDS = new Set(['merge', 'custom_fields']);
const MAX_LIMIT = 100;

export const FRONT_API_ORIGIN = 'https://api.frontapp.com';

function apiError(status: number, title: string, message: string): unknown {
  return { _error: { status, title, message } };
}

export class FrontMigrationModel {
  readonly migrated: ReadonlyMap<string, string>;
  /** Live contacts, in list order. */
  readonly contacts: Array<SimulatedContact & { legacyIds: string[] }> = [];
  /** Notes written through `POST /contacts/:id/notes`, so a test can see which ones arrived. */
  readonly notes: StoredNote[] = [];
  private readonly options: FrontMigrationOptions;
  private created = 0;
  private windowStart = 0;
  private windowCount = 0;

  constructor(options: FrontMigrationOptions) {
    this.options = options;
    this.migrated = new Map(Object.entries(options.migrated ?? {}));
    const byId = new Map<string, SimulatedContact & { legacyIds: string[] }>();
    const add = (c: SimulatedContact) => {
      if (byId.has(c.id) || this.migrated.has(c.id)) return;
      const entry = { ...c, legacyIds: [] as string[] };
      byId.set(c.id, entry);
      this.contacts.push(entry);
    };
    for (const c of options.contacts ?? []) add(typeof c === 'string' ? { id: c } : c);
    for (const [oldId] of this.migrated) {
      const target = this.finalId(oldId);
      if (target === undefined) continue;
      add({ id: target });
      byId.get(target)!.legacyIds.push(oldId);
    }
  }

  /** The id a legacy id ends at after following every migration (undefined for a loop). */
  finalId(id: string): string | undefined {
    const seen = new Set<string>();
    let current = id;
    while (this.migrated.has(current)) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      current = this.migrated.get(current)!;
    }
    return current;
  }

  /** Answers one request. `locationOrigin` is where a 301 points (default https://api.frontapp.com). */
  handle(req: ModelRequest, locationOrigin: string = FRONT_API_ORIGIN, now: number = Date.now()): ModelResponse {
    const headers: Record<string, string> = {};
    const limited = this.rateLimit(now, headers);
    if (limited) return limited;

    const auth = req.header('authorization');
    if (this.options.requireAuth !== false) {
      if (!auth) return { status: 401, headers, body: apiError(401, 'Unauthorized', 'Missing Authorization header'), effect: { kind: 'unauthorized', reason: 'missing' } };
      if (this.options.token !== undefined && auth !== `Bearer ${this.options.token}`)
        return { status: 401, headers, body: apiError(401, 'Unauthorized', 'Invalid token'), effect: { kind: 'unauthorized', reason: 'invalid' } };
    }

    const path = req.url.pathname;
    const method = req.method.toUpperCase();
    const team = TEAM_CONTACTS.exec(path);
    if (team) {
      const teamId = decodeURIComponent(team[1]!);
      if (this.options.teams && !this.options.teams.includes(teamId))
        return { status: 404, headers, body: apiError(404, 'Not found', `Unknown team ${teamId}`), effect: { kind: 'none' } };
      // Deprecated: behaves like /contacts (all accessible contacts; POST creates a company contact).
      return { ...this.contactsCollection(req, method, headers), effect: { kind: 'team-contacts', teamId } };
    }
    if (path === '/contacts' || path === '/contacts/') return { ...this.contactsCollection(req, method, headers), effect: { kind: 'none' } };

    const route = CONTACT_ROUTE.exec(path);
    if (!route) return { status: 404, headers, body: apiError(404, 'Not found', `No route ${method} ${path}`), effect: { kind: 'none' } };
    const rawId = route[1]!;
    const suffix = route[2] ?? '';
    if (NOT_CONTACT_IDS.has(rawId)) {
      const body = method === 'GET' ? { _results: [], _pagination: { next: null } } : {};
      return { status: 200, headers, body, effect: { kind: 'none' } };
    }
    const id = decodeURIComponent(rawId);
    const movedTo = this.migrated.get(id);
    if (movedTo !== undefined) {
      const location = `${locationOrigin.replace(/\/+$/, '')}/contacts/${encodeURIComponent(movedTo)}${suffix}${req.url.search}`;
      headers.location = location;
      return { status: 301, headers, effect: { kind: 'moved', oldId: id, newId: movedTo, location } };
    }
    return { ...this.contactRoute(req, method, id, suffix, headers), effect: { kind: 'none' } };
  }

  private rateLimit(now: number, headers: Record<string, string>): ModelResponse | undefined {
    const rl = this.options.rateLimit;
    if (!rl) return undefined;
    const windowMs = (rl.windowSeconds ?? 60) * 1000;
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    const resetAt = (this.windowStart + windowMs) / 1000;
    headers['x-ratelimit-limit'] = String(rl.limit);
    headers['x-ratelimit-reset'] = resetAt.toFixed(3);
    if (this.windowCount >= rl.limit) {
      const retryAfter = Math.max(1, Math.ceil(resetAt - now / 1000));
      headers['x-ratelimit-remaining'] = '0';
      headers['retry-after'] = String(retryAfter);
      return { status: 429, headers, body: apiError(429, 'Too Many Requests', 'Rate limit exceeded'), effect: { kind: 'rate-limited', retryAfter } };
    }
    this.windowCount++;
    headers['x-ratelimit-remaining'] = String(rl.limit - this.windowCount);
    return undefined;
  }

  private contactJson(contact: SimulatedContact & { legacyIds: string[] }, origin: string): Record<string, unknown> {
    const json: Record<string, unknown> = {
      _links: {
        self: `${origin}/contacts/${contact.id}`,
        related: { notes: `${origin}/contacts/${contact.id}/notes`, conversations: `${origin}/contacts/${contact.id}/conversations` },
      },
      id: contact.id,
      name: contact.name ?? `Contact ${contact.id}`,
      description: '',
      avatar_url: null,
      is_spammer: false,
      links: [],
      groups: [],
      handles: contact.handles ?? [{ handle: `${contact.id}@example.com`, source: 'email' }],
      custom_fields: {},
      is_private: false,
    };
    if (contact.legacyIds.length) json._migration = { legacy_ids: [...contact.legacyIds] };
    return json;
  }

  private contactsCollection(req: ModelRequest, method: string, headers: Record<string, string>): Omit<ModelResponse, 'effect'> {
    const origin = req.url.origin;
    if (method === 'POST') {
      const parsed = parseJson(req.body) as { name?: unknown; handles?: unknown } | undefined;
      const contact = {
        id: `crd_sim${++this.created}`,
        name: typeof parsed?.name === 'string' ? parsed.name : undefined,
        handles: Array.isArray(parsed?.handles) ? (parsed.handles as SimulatedContact['handles']) : undefined,
        legacyIds: [] as string[],
      };
      this.contacts.push(contact);
      return { status: 201, headers, body: this.contactJson(contact, origin) };
    }
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers, body: apiError(405, 'Method not allowed', `${method} ${req.url.pathname}`) };
    const limitText = req.url.searchParams.get('limit');
    const limit = limitText === null ? Math.min(this.options.pageSize ?? 50, MAX_LIMIT) : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return { status: 400, headers, body: apiError(400, 'Bad request', `limit must be 1..${MAX_LIMIT}`) };
    const token = req.url.searchParams.get('page_token');
    const offset = token === null ? 0 : /^pt_(\d+)$/.exec(token) ? Number(token.slice(3)) : NaN;
    if (!Number.isInteger(offset)) return { status: 400, headers, body: apiError(400, 'Bad request', 'invalid page_token') };
    const page = this.contacts.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    let next: string | null = null;
    if (nextOffset < this.contacts.length) {
      const nextUrl = new URL(req.url.href);
      nextUrl.searchParams.set('limit', String(limit));
      nextUrl.searchParams.set('page_token', `pt_${nextOffset}`);
      next = nextUrl.href;
    }
    return {
      status: 200,
      headers,
      body: { _pagination: { next }, _links: { self: req.url.href }, _results: page.map((c) => this.contactJson(c, origin)) },
    };
  }

  private contactRoute(req: ModelRequest, method: string, id: string, suffix: string, headers: Record<string, string>): Omit<ModelResponse, 'effect'> {
    const index = this.contacts.findIndex((c) => c.id === id);
    if (index < 0) return { status: 404, headers, body: apiError(404, 'Not found', `Unknown contact ${id}`) };
    const contact = this.contacts[index]!;
    const sub = suffix.replace(/\/+$/, '');
    if (sub === '') {
      if (method === 'GET' || method === 'HEAD') return { status: 200, headers, body: this.contactJson(contact, req.url.origin) };
      if (method === 'PATCH') {
        const parsed = parseJson(req.body) as { name?: unknown } | undefined;
        if (typeof parsed?.name === 'string') contact.name = parsed.name;
        return { status: 204, headers };
      }
      if (method === 'DELETE') {
        this.contacts.splice(index, 1);
        return { status: 204, headers };
      }
      return { status: 405, headers, body: apiError(405, 'Method not allowed', `${method} /contacts/${id}`) };
    }
    if (sub === '/notes') {
      if (method === 'POST') {
        const note = { contactId: id, body: parseJson(req.body) ?? req.body };
        this.notes.push(note);
        return { status: 201, headers, body: { contact_id: id, ...(typeof note.body === 'object' && note.body ? note.body : { body: note.body }) } };
      }
      if (method === 'GET')
        return { status: 200, headers, body: { _pagination: { next: null }, _results: this.notes.filter((n) => n.contactId === id).map((n) => n.body) } };
    }
    if (method === 'GET' || method === 'HEAD') return { status: 200, headers, body: { _pagination: { next: null }, _results: [] } };
    return { status: 204, headers };
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
