// The runtime helpers against a real HTTP server on 127.0.0.1 that answers like Front (301 + Location on
// migrated contact routes, Location on another origin, token required).

import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import axios from 'axios';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ContactRedirectError,
  ContactResolveError,
  installContactRedirects,
  legacyIdsOf,
  matchContactRoute,
  remapLegacyIds,
  resolveContactId,
  withContactRedirects,
  type ContactRedirectEvent,
  type FetchLike,
} from '../packages/runtime/src';
import { startFrontServer, type FrontServer, type RecordedRequest } from './support/front-server';

const TOKEN = 'tok_runtime_secret';
const AUTH = `Bearer ${TOKEN}`;

let server: FrontServer;

beforeEach(async () => {
  server = await startFrontServer({
    token: TOKEN,
    contacts: [
      { id: 'crd_new', legacyIds: ['crd_old', 'crd_older'] },
      { id: 'crd_plain' },
      { id: 'crd_final', legacyIds: ['crd_mid'] },
    ],
    // crd_first -> crd_mid -> crd_final (a contact migrated twice); crd_loop_a <-> crd_loop_b.
    redirects: { crd_first: 'crd_mid', crd_loop_a: 'crd_loop_b', crd_loop_b: 'crd_loop_a' },
  });
});

afterEach(async () => {
  await server.close();
});

const view = (r: RecordedRequest) => ({ origin: r.origin, method: r.method, path: r.path, auth: r.headers.authorization, body: r.body });
const frontFetch = (options: Parameters<typeof withContactRedirects>[1] = {}) =>
  withContactRedirects(fetch, { frontBaseUrls: [server.url], ...options });

describe('withContactRedirects', () => {
  it('re-issues a POST to /contacts/<old>/notes as the same POST, body and Authorization, at /contacts/<new>/notes on the original origin', async () => {
    const body = JSON.stringify({ author_id: 'tea_1', body: 'Called back' });
    const res = await frontFetch()(`${server.url}/contacts/crd_old/notes`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ contact_id: 'crd_new', method: 'POST', route: '/notes', received: JSON.parse(body) });
    expect(server.requests.map(view)).toEqual([
      { origin: 'primary', method: 'POST', path: '/contacts/crd_old/notes', auth: AUTH, body },
      { origin: 'primary', method: 'POST', path: '/contacts/crd_new/notes', auth: AUTH, body },
    ]);
    expect(server.requests[1]!.headers['content-type']).toBe('application/json');
  });

  it('never sends anything to the host named by a cross-origin Location, yet keeps the token for the original origin', async () => {
    const res = await frontFetch()(`${server.url}/contacts/crd_old`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe('crd_new');
    expect(server.requests.filter((r) => r.origin === 'other')).toEqual([]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([AUTH, AUTH]);
  });

  it('fixes what plain fetch gets wrong (the contrast the helper exists for)', async () => {
    const res = await fetch(`${server.url}/contacts/crd_old/notes`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: '{"body":"x"}',
    });
    // Plain fetch turned the POST into a GET on the other host and dropped the token there.
    const followed = server.requests[1]!;
    expect([followed.origin, followed.method, followed.path, followed.headers.authorization]).toEqual(['other', 'GET', '/contacts/crd_new', undefined]);
    expect(res.status).toBe(401);
  });

  it.each(['PATCH', 'PUT', 'DELETE'])('keeps %s and its body', async (method) => {
    const res = await frontFetch()(`${server.url}/contacts/crd_older/handles`, {
      method,
      headers: { authorization: AUTH },
      body: 'handle=a%40b.c',
    });
    expect(res.status).toBe(200);
    expect(server.requests.map(view)).toEqual([
      { origin: 'primary', method, path: '/contacts/crd_older/handles', auth: AUTH, body: 'handle=a%40b.c' },
      { origin: 'primary', method, path: '/contacts/crd_new/handles', auth: AUTH, body: 'handle=a%40b.c' },
    ]);
  });

  it('keeps the query string and the sub-route; takes only the id from Location', async () => {
    const res = await frontFetch()(new URL(`${server.url}/contacts/crd_old/conversations?limit=5&q[statuses][]=open`), {
      headers: { authorization: AUTH },
    });
    expect(res.status).toBe(200);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/contacts/crd_old/conversations?limit=5&q[statuses][]=open',
      '/contacts/crd_new/conversations?limit=5&q[statuses][]=open',
    ]);
  });

  it('buffers a stream body once and sends the same bytes again', async () => {
    const payload = JSON.stringify({ body: 'streamed note', n: 1 });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(payload);
        controller.enqueue(bytes.slice(0, 7));
        controller.enqueue(bytes.slice(7));
        controller.close();
      },
    });
    const res = await frontFetch()(`${server.url}/contacts/crd_old/notes`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/contacts/crd_old/notes', payload],
      ['POST', '/contacts/crd_new/notes', payload],
    ]);
  });

  it('accepts a Request object, including its body and headers', async () => {
    const request = new Request(`${server.url}/contacts/crd_old/notes`, {
      method: 'POST',
      headers: { authorization: AUTH, 'x-trace': 't1' },
      body: 'plain text note',
    });
    const res = await frontFetch()(request, { body: undefined, signal: undefined });
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => [r.method, r.path, r.body, r.headers.authorization, r.headers['x-trace']])).toEqual([
      ['POST', '/contacts/crd_old/notes', 'plain text note', AUTH, 't1'],
      ['POST', '/contacts/crd_new/notes', 'plain text note', AUTH, 't1'],
    ]);
  });

  it('follows a chain of migrations and reports each hop', async () => {
    const events: ContactRedirectEvent[] = [];
    const res = await frontFetch({ onRedirect: (e) => events.push(e) })(`${server.url}/contacts/crd_first`, { headers: { authorization: AUTH } });
    expect((await res.json()).id).toBe('crd_final');
    expect(events.map((e) => [e.oldId, e.newId, e.to])).toEqual([
      ['crd_first', 'crd_mid', `${server.url}/contacts/crd_mid`],
      ['crd_mid', 'crd_final', `${server.url}/contacts/crd_final`],
    ]);
  });

  it('stops a redirect loop after maxRedirects', async () => {
    await expect(frontFetch({ maxRedirects: 3 })(`${server.url}/contacts/crd_loop_a`, { headers: { authorization: AUTH } })).rejects.toBeInstanceOf(
      ContactRedirectError,
    );
    expect(server.requests).toHaveLength(4);
  });

  it('maxRedirects: 0 fails at the first move, naming the original URL (README: what happens on a redirect loop)', async () => {
    const url = `${server.url}/contacts/crd_loop_a`;
    const error = await frontFetch({ maxRedirects: 0 })(url, { headers: { authorization: AUTH } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactRedirectError);
    expect([(error as ContactRedirectError).url, (error as ContactRedirectError).redirects]).toEqual([url, 0]);
    expect(server.requests).toHaveLength(1);
  });

  it('returns other answers as they are (404 for an unknown contact, 200 for a current one)', async () => {
    const f = frontFetch();
    expect((await f(`${server.url}/contacts/crd_nobody`, { headers: { authorization: AUTH } })).status).toBe(404);
    expect((await f(`${server.url}/contacts/crd_plain/notes`, { method: 'POST', headers: { authorization: AUTH }, body: '{}' })).status).toBe(201);
    expect(server.requests).toHaveLength(2);
  });

  it('passes every other request to the wrapped fetch untouched', async () => {
    const calls: Array<[unknown, unknown]> = [];
    const spy: FetchLike = (input, init) => {
      calls.push([input, init]);
      return fetch(input, init);
    };
    const f = withContactRedirects(spy, { frontBaseUrls: [server.url] });
    const init = { method: 'GET', headers: { authorization: AUTH } };
    const urls = [
      `${server.url}/contacts?limit=2`,
      `${server.url}/contacts/merge`,
      `${server.url}/contacts/custom_fields`,
      `${server.url}/teams/tim_1/contacts`,
      `${server.otherUrl}/contacts/crd_old`, // not a configured Front base URL
    ];
    for (const url of urls) await f(url, init);
    expect(calls).toEqual(urls.map((u) => [u, init]));
    // The one non-Front contact route was followed by plain fetch, as the caller asked.
    expect(server.requests.map((r) => r.origin)).toEqual(['primary', 'primary', 'primary', 'primary', 'other', 'other']);
  });

  it('treats *.frontapp.com as Front and honours base paths of configured proxies', () => {
    expect(matchContactRoute(new URL('https://api2.frontapp.com/contacts/crd_1/notes'))).toEqual({ id: 'crd_1', basePath: '', suffix: '/notes' });
    expect(matchContactRoute(new URL('https://acme.api.frontapp.com/contacts/alt:email:a@b.c'))?.id).toBe('alt:email:a@b.c');
    expect(matchContactRoute(new URL('https://api.example.com/contacts/crd_1'))).toBeUndefined();
    expect(matchContactRoute(new URL('https://api2.frontapp.com/contacts/merge'))).toBeUndefined();
    expect(matchContactRoute(new URL('https://api2.frontapp.com/teammates/tea_1/contacts'))).toBeUndefined();
    const proxy = { frontBaseUrls: ['https://gw.internal/front/'] };
    expect(matchContactRoute(new URL('https://gw.internal/front/contacts/crd_1'), proxy)).toEqual({ id: 'crd_1', basePath: '/front', suffix: '' });
    expect(matchContactRoute(new URL('https://gw.internal/other/contacts/crd_1'), proxy)).toBeUndefined();
  });

  it('learns the new id when the platform hides Location (browser opaqueredirect)', async () => {
    // Behave like a browser: a manual redirect comes back opaque, without status or headers.
    const browserLike: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.redirect === 'manual' && res.status === 301) {
        return { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null, url: '', redirected: false } as unknown as Response;
      }
      return res;
    };
    const f = withContactRedirects(browserLike, { frontBaseUrls: [server.url] });
    const res = await f(`${server.url}/contacts/crd_old/notes`, { method: 'POST', headers: { authorization: AUTH }, body: 'n' });
    expect(res.status).toBe(201);
    const last = server.requests[server.requests.length - 1]!;
    expect([last.origin, last.method, last.path, last.body, last.headers.authorization]).toEqual(['primary', 'POST', '/contacts/crd_new/notes', 'n', AUTH]);
    // The probe only ever GETs the contact itself: nothing was written twice.
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/contacts/crd_old/notes', '/contacts/crd_new/notes']);
  });
});

describe('resolveContactId', () => {
  it('maps a legacy id to the company contact it became, and a current id to itself', async () => {
    const options = { baseUrl: server.url, token: TOKEN };
    expect(await resolveContactId('crd_older', options)).toBe('crd_new');
    expect(await resolveContactId('crd_plain', options)).toBe('crd_plain');
    expect(await resolveContactId('crd_first', options)).toBe('crd_final');
    expect(server.requests.filter((r) => r.origin === 'other')).toEqual([]);
  });

  it('says why it failed, without the token', async () => {
    const err = await resolveContactId('crd_nobody', { baseUrl: server.url, token: TOKEN }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContactResolveError);
    expect((err as ContactResolveError).status).toBe(404);
    const denied = await resolveContactId('crd_plain', { baseUrl: server.url, token: 'wrong' }).catch((e: unknown) => e);
    expect((denied as Error).message).toMatch(/401.*token rejected/);
    expect((denied as Error).message).not.toContain('wrong');
  });
});

describe('remapLegacyIds', () => {
  it('calls the update with the new id and the legacy ids of a migrated contact only', async () => {
    const calls: Array<[string, string[]]> = [];
    const update = (newId: string, legacyIds: string[]) => {
      calls.push([newId, legacyIds]);
    };
    expect(await remapLegacyIds({ id: 'crd_x', _migration: { legacy_ids: ['crd_a', 'crd_b', 'crd_a', 'crd_x'] } }, update)).toBe(true);
    expect(await remapLegacyIds({ id: 'crd_y' }, update)).toBe(false);
    expect(await remapLegacyIds({ id: 'crd_z', _migration: null }, update)).toBe(false);
    expect(await remapLegacyIds({ id: 'crd_w', _migration: { legacy_ids: [] } }, update)).toBe(false);
    expect(calls).toEqual([['crd_x', ['crd_a', 'crd_b']]]);
  });

  it('waits for an async update and works on contacts fetched from the API', async () => {
    const res = await fetch(`${server.url}/contacts?limit=10`, { headers: { authorization: AUTH } });
    const page = (await res.json()) as { _results: Array<{ id: string; _migration?: { legacy_ids: string[] } }> };
    const table = new Map<string, string>();
    for (const contact of page._results) {
      await remapLegacyIds(contact, async (newId, legacyIds) => {
        await new Promise((r) => setTimeout(r, 1));
        for (const old of legacyIds) table.set(old, newId);
      });
    }
    expect([...table].sort()).toEqual([
      ['crd_mid', 'crd_final'],
      ['crd_old', 'crd_new'],
      ['crd_older', 'crd_new'],
    ]);
    expect(legacyIdsOf(page._results[1]!)).toEqual([]);
  });
});

describe('installContactRedirects (axios)', () => {
  const client = () => axios.create({ baseURL: server.url, headers: { Authorization: AUTH } });

  it('re-issues a POST as a POST with the same body and Authorization at the new id, on the original origin', async () => {
    const api = client();
    installContactRedirects(api, { frontBaseUrls: [server.url] });
    const res = await api.post('/contacts/crd_old/notes', { body: 'via axios' });
    expect(res.status).toBe(201);
    expect(res.data).toEqual({ contact_id: 'crd_new', method: 'POST', route: '/notes', received: { body: 'via axios' } });
    expect(server.requests.map(view)).toEqual([
      { origin: 'primary', method: 'POST', path: '/contacts/crd_old/notes', auth: AUTH, body: '{"body":"via axios"}' },
      { origin: 'primary', method: 'POST', path: '/contacts/crd_new/notes', auth: AUTH, body: '{"body":"via axios"}' },
    ]);
  });

  it('keeps params, works when validateStatus accepts 3xx, and follows chains', async () => {
    const api = client();
    installContactRedirects(api, { frontBaseUrls: [server.url] });
    const res = await api.get('/contacts/crd_first/conversations', { params: { limit: 5 }, validateStatus: () => true });
    expect(res.status).toBe(200);
    expect(server.requests.map((r) => [r.origin, r.path])).toEqual([
      ['primary', '/contacts/crd_first/conversations?limit=5'],
      ['primary', '/contacts/crd_mid/conversations?limit=5'],
      ['primary', '/contacts/crd_final/conversations?limit=5'],
    ]);
  });

  it('buffers a Node stream body so the replay carries the same bytes', async () => {
    const api = client();
    installContactRedirects(api, { frontBaseUrls: [server.url] });
    const res = await api.post('/contacts/crd_old/notes', Readable.from([Buffer.from('{"body":'), Buffer.from('"chunks"}')]), {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => [r.path, r.body])).toEqual([
      ['/contacts/crd_old/notes', '{"body":"chunks"}'],
      ['/contacts/crd_new/notes', '{"body":"chunks"}'],
    ]);
  });

  it('rejects a loop with ContactRedirectError and leaves other errors alone', async () => {
    const api = client();
    installContactRedirects(api, { frontBaseUrls: [server.url], maxRedirects: 2 });
    await expect(api.get('/contacts/crd_loop_a')).rejects.toBeInstanceOf(ContactRedirectError);
    const notFound = await api.get('/contacts/crd_nobody').catch((e: unknown) => e);
    expect((notFound as { response?: { status?: number } }).response?.status).toBe(404);
  });

  it('without the interceptor (or after removing it) axios turns the POST into a GET on the other host', async () => {
    const api = client();
    const uninstall = installContactRedirects(api, { frontBaseUrls: [server.url] });
    uninstall();
    await api.post('/contacts/crd_old/notes', { body: 'lost' }).catch(() => undefined);
    const followed = server.requests[1]!;
    expect([followed.origin, followed.method, followed.path, followed.headers.authorization]).toEqual(['other', 'GET', '/contacts/crd_new', undefined]);
  });
});

describe('the shipped bundle', () => {
  it('builds for the neutral (browser) platform with no Node imports and works as ESM', async () => {
    const dir = await fsp.mkdtemp(join(tmpdir(), 'runtime-bundle-'));
    try {
      const outfile = join(dir, 'index.mjs');
      // Same settings as packages/runtime/scripts/build.mjs uses for dist/index.mjs.
      await build({ entryPoints: ['packages/runtime/src/index.ts'], bundle: true, platform: 'neutral', format: 'esm', outfile, logLevel: 'error' });
      const code = await fsp.readFile(outfile, 'utf8');
      expect(code).not.toMatch(/\bfrom\s*["'](node:)?(fs|http|https|stream|buffer|url|path)["']|require\(|\bBuffer\.|\bprocess\./);
      const mod = (await import(pathToFileURL(outfile).href)) as typeof import('../packages/runtime/src');
      const res = await mod.withContactRedirects(fetch, { frontBaseUrls: [server.url] })(`${server.url}/contacts/crd_old/notes`, {
        method: 'POST',
        headers: { authorization: AUTH },
        body: 'from the bundle',
      });
      expect(res.status).toBe(201);
      expect(server.requests.map((r) => [r.origin, r.method, r.path, r.body])).toEqual([
        ['primary', 'POST', '/contacts/crd_old/notes', 'from the bundle'],
        ['primary', 'POST', '/contacts/crd_new/notes', 'from the bundle'],
      ]);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
