// front-contacts-runtime/testing: msw 2 handlers that answer like Front after the contacts migration, in Node
// (msw's setupServer). The built entry (packages/runtime/dist/testing) is what users import; it is checked too.

import axios, { type AxiosError } from 'axios';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installContactRedirects, withContactRedirects } from '../packages/runtime/src';
import { FrontMigrationModel, frontMigrationHandlers, type MigrationEffect } from '../packages/runtime/src/testing';

const AUTH = 'Bearer tok_msw';
const effects: Array<{ method: string; url: string; status: number; effect: MigrationEffect }> = [];
const model = new FrontMigrationModel({
  migrated: { crd_old: 'crd_new', crd_older: 'crd_new', crd_first: 'crd_mid', crd_mid: 'crd_final' },
  contacts: ['crd_a', { id: 'crd_b', name: 'B' }, 'crd_c'],
  teams: ['tim_1'],
});
// The three lines a team adds to its test setup (plus msw's usual listen/reset/close).
const server = setupServer(...frontMigrationHandlers({ migrated: {}, model, onRequest: (e) => effects.push(e) }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  effects.length = 0;
  model.notes.length = 0;
});
afterAll(() => server.close());

const headers = { Authorization: AUTH, 'Content-Type': 'application/json' };

describe('frontMigrationHandlers', () => {
  it.each(['https://api2.frontapp.com', 'https://api.frontapp.com', 'https://acme.api.frontapp.com'])(
    '%s/contacts/crd_old/notes answers 301 with Location https://api.frontapp.com/contacts/crd_new/notes',
    async (origin) => {
      const res = await fetch(`${origin}/contacts/crd_old/notes?limit=5`, { headers, redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('https://api.frontapp.com/contacts/crd_new/notes?limit=5');
      expect(effects[0]!.effect).toEqual({ kind: 'moved', oldId: 'crd_old', newId: 'crd_new', location: 'https://api.frontapp.com/contacts/crd_new/notes?limit=5' });
    },
  );

  it('a followed GET from api2 loses Authorization on the way to api.frontapp.com → 401', async () => {
    const res = await fetch('https://api2.frontapp.com/contacts/crd_old', { headers });
    expect(res.status).toBe(401);
    expect(effects.map((e) => [e.url, e.status])).toEqual([
      ['https://api2.frontapp.com/contacts/crd_old', 301],
      ['https://api.frontapp.com/contacts/crd_new', 401],
    ]);
  });

  it('a fetch POST to a migrated route fails (msw refuses to follow a redirect with a body; undici turns it into a GET): the note is lost either way', async () => {
    const sent = fetch('https://api2.frontapp.com/contacts/crd_old/notes', { method: 'POST', headers, body: '{"body":"x"}' });
    await expect(sent).rejects.toThrow();
    expect(model.notes).toEqual([]);
  });

  it('axios (Node adapter, follow-redirects) turns the POST into a GET without Authorization → 401', async () => {
    const err = (await axios.post('https://api2.frontapp.com/contacts/crd_old/notes', { body: 'x' }, { headers }).catch((e: unknown) => e)) as AxiosError;
    expect(err.response?.status).toBe(401);
    expect(effects.map((e) => [e.method, e.url, e.status])).toEqual([
      ['POST', 'https://api2.frontapp.com/contacts/crd_old/notes', 301],
      ['GET', 'https://api.frontapp.com/contacts/crd_new/notes', 401],
    ]);
    expect(model.notes).toEqual([]);
  });

  it('the runtime helper re-sends the POST to the new id on api2 (fetch and axios)', async () => {
    const frontFetch = withContactRedirects(fetch);
    const res = await frontFetch('https://api2.frontapp.com/contacts/crd_older/notes', { method: 'POST', headers, body: '{"body":"fetch"}' });
    expect(res.status).toBe(201);
    const api = axios.create({ baseURL: 'https://api2.frontapp.com', headers });
    installContactRedirects(api);
    expect((await api.post('/contacts/crd_old/notes', { body: 'axios' })).status).toBe(201);
    expect(model.notes).toEqual([
      { contactId: 'crd_new', body: { body: 'fetch' } },
      { contactId: 'crd_new', body: { body: 'axios' } },
    ]);
    expect(effects.every((e) => new URL(e.url).host === 'api2.frontapp.com')).toBe(true);
  });

  it('follows migration chains one hop at a time', async () => {
    const res = await withContactRedirects(fetch)('https://api2.frontapp.com/contacts/crd_first', { headers });
    expect((await res.json()).id).toBe('crd_final');
    expect(effects.map((e) => e.status)).toEqual([301, 301, 200]);
  });

  it('lists contacts with _migration.legacy_ids and pages with _pagination.next', async () => {
    const ids: string[] = [];
    const legacy: Record<string, unknown> = {};
    let next: string | null = 'https://api2.frontapp.com/contacts?limit=2';
    while (next) {
      const page = (await (await fetch(next, { headers })).json()) as { _pagination: { next: string | null }; _results: Array<{ id: string; _migration?: { legacy_ids: string[] } }> };
      for (const c of page._results) {
        ids.push(c.id);
        if (c._migration) legacy[c.id] = c._migration.legacy_ids;
      }
      next = page._pagination.next;
    }
    expect(ids).toEqual(['crd_a', 'crd_b', 'crd_c', 'crd_new', 'crd_final']);
    expect(legacy).toEqual({ crd_new: ['crd_old', 'crd_older'], crd_final: ['crd_first', 'crd_mid'] });
  });

  it('/teams/:id/contacts behaves like /contacts (deprecated), for known teams', async () => {
    const team = await (await fetch('https://api2.frontapp.com/teams/tim_1/contacts?limit=100', { headers })).json();
    const all = await (await fetch('https://api2.frontapp.com/contacts?limit=100', { headers })).json();
    expect(team._results.map((c: { id: string }) => c.id)).toEqual(all._results.map((c: { id: string }) => c.id));
    expect(effects[0]!.effect).toEqual({ kind: 'team-contacts', teamId: 'tim_1' });
    expect((await fetch('https://api2.frontapp.com/teams/tim_unknown/contacts', { headers })).status).toBe(404);
    const created = await fetch('https://api2.frontapp.com/teams/tim_1/contacts', { method: 'POST', headers, body: '{"name":"New"}' });
    expect(created.status).toBe(201);
  });

  it('leaves other Front routes to your own handlers', async () => {
    await expect(fetch('https://api2.frontapp.com/conversations', { headers })).rejects.toThrow();
  });
});

describe('rate limit', () => {
  const limited = setupServer(...frontMigrationHandlers({ migrated: { crd_old: 'crd_new' }, rateLimit: { limit: 2, windowSeconds: 30 } }));
  beforeAll(() => {
    server.close();
    limited.listen();
  });
  afterAll(() => {
    limited.close();
    server.listen({ onUnhandledRequest: 'error' });
  });

  it('answers 429 with Retry-After beyond the limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await fetch('https://api2.frontapp.com/contacts', { headers });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(30);
  });
});

describe('the built entry (front-contacts-runtime/testing)', () => {
  it('exports the handlers from ESM and CommonJS, with msw left external', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const pkgDir = join(__dirname, '../packages/runtime');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    expect(pkg.exports['./testing']).toEqual({
      types: './dist/testing/index.d.ts',
      import: './dist/testing/index.mjs',
      require: './dist/testing/index.cjs',
    });
    expect(pkg.peerDependenciesMeta.msw.optional).toBe(true);
    expect(pkg.dependencies).toBeUndefined();
    const esm = readFileSync(join(pkgDir, 'dist/testing/index.mjs'), 'utf8');
    expect(esm).toMatch(/from "msw"/);
    const cjs = require(join(pkgDir, 'dist/testing/index.cjs'));
    expect(typeof cjs.frontMigrationHandlers).toBe('function');
    expect(cjs.frontMigrationHandlers({ migrated: { a: 'b' } })).toHaveLength(1);
    expect(readFileSync(join(pkgDir, 'dist/testing/index.d.ts'), 'utf8')).toMatch(/frontMigrationHandlers/);
  });
});
