// Proof that `front-contacts simulate` shows real breakage: real HTTP clients against the simulator on
// 127.0.0.1 (api2 origin → 301 → api origin, like api2.frontapp.com → api.frontapp.com) fail exactly the way
// the redirect rules predict, and the same calls through the runtime helper succeed.

import * as http from 'node:http';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axios, { type AxiosError } from 'axios';
import got, { HTTPError } from 'got';
import ky from 'ky';
import needle from 'needle';
import superagent from 'superagent';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installContactRedirects, resolveContactId, withContactRedirects, withGotContactRedirects, withHttpContactRedirects, withNeedleContactRedirects } from '../packages/runtime/src';
import { startSimulator, type RedirectReport, type Simulator } from '../src/cli/simulate';

const TOKEN = 'tok_sim';
const AUTH = `Bearer ${TOKEN}`;
const NOTE = { author_id: 'tea_1', body: 'Called back' };
/** got 15 turns a cross-origin POST into a GET; got 14 (the newest on Node 20) keeps the POST. */
const GOT_MAJOR = Number((JSON.parse(readFileSync(join(__dirname, '../node_modules/got/package.json'), 'utf8')) as { version: string }).version.split('.')[0]);

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ migrated: { crd_old: 'crd_new' }, token: TOKEN, followWindowMs: 300 });
});

afterEach(async () => {
  await sim.close();
});

/** The simulator's report for the one 301 of the test. */
async function report(): Promise<RedirectReport> {
  await sim.settled();
  expect(sim.redirects).toHaveLength(1);
  return sim.redirects[0]!;
}

const notesOfNewContact = () => sim.model.notes.filter((n) => n.contactId === 'crd_new');

function expectMethodChanged(r: RedirectReport): void {
  expect(r.outcome).toBe('method-changed');
  expect([r.followUp?.method, r.followUp?.origin, r.followUp?.hasAuthorization, r.followUp?.status]).toEqual(['GET', 'api', false, 401]);
  expect(r.line).toBe(`POST /contacts/crd_old/notes → 301 → client re-sent GET to the api origin without Authorization → 401: note lost`);
  expect(notesOfNewContact()).toEqual([]);
}

function expectAuthDropped(r: RedirectReport, method = 'GET'): void {
  expect(r.outcome).toBe('auth-dropped');
  expect([r.followUp?.method, r.followUp?.origin, r.followUp?.hasAuthorization, r.followUp?.status]).toEqual([method, 'api', false, 401]);
  expect(r.line).toMatch(/→ client followed to the api origin without Authorization.* → 401: Authorization dropped on the origin change/);
}

function expectNotFollowed(r: RedirectReport): void {
  expect(r.outcome).toBe('not-followed');
  expect(r.followUp).toBeUndefined();
  expect(r.line).toMatch(/→ 301 → not followed: the client got the 301$/);
}

function expectHelperFollowed(r: RedirectReport, method: string, suffix = ''): void {
  expect(r.outcome).toBe('followed');
  expect([r.followUp?.method, r.followUp?.origin, r.followUp?.hasAuthorization, r.followUp?.path]).toEqual([method, 'api2', true, `/contacts/crd_new${suffix}`]);
}

describe('fetch (undici)', () => {
  const url = () => `${sim.api2Url}/contacts/crd_old`;

  it('POST /notes: the followed 301 becomes a GET on the api origin without Authorization (401), the note is lost', async () => {
    const res = await fetch(`${url()}/notes`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(NOTE) });
    expect(res.status).toBe(401);
    expect(res.redirected).toBe(true);
    expectMethodChanged(await report());
  });

  it('GET: follows to the api origin, drops Authorization → 401', async () => {
    const res = await fetch(url(), { headers: { Authorization: AUTH } });
    expect(res.status).toBe(401);
    expectAuthDropped(await report());
  });

  it("redirect: 'manual' does not follow: the code gets the 301", async () => {
    const res = await fetch(url(), { headers: { Authorization: AUTH }, redirect: 'manual' });
    expect(res.status).toBe(301);
    expectNotFollowed(await report());
  });

  it('through withContactRedirects: the same POST, body and Authorization reach the new id on the api2 origin', async () => {
    const frontFetch = withContactRedirects(fetch, { frontBaseUrls: [sim.api2Url] });
    const res = await frontFetch(`${url()}/notes`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(NOTE) });
    expect(res.status).toBe(201);
    expectHelperFollowed(await report(), 'POST', '/notes');
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }]);
    const got = await frontFetch(url(), { headers: { Authorization: AUTH } });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: 'crd_new', _migration: { legacy_ids: ['crd_old'] } });
  });
});

describe('axios', () => {
  const api = () => axios.create({ baseURL: sim.api2Url, headers: { Authorization: AUTH } });

  it('POST /notes: follow-redirects turns it into a GET on the api origin without Authorization (401)', async () => {
    const err = (await api().post('/contacts/crd_old/notes', NOTE).catch((e: unknown) => e)) as AxiosError;
    expect(err.response?.status).toBe(401);
    expectMethodChanged(await report());
  });

  it('GET: drops Authorization on the origin change → 401', async () => {
    const err = (await api().get('/contacts/crd_old').catch((e: unknown) => e)) as AxiosError;
    expect(err.response?.status).toBe(401);
    expectAuthDropped(await report());
  });

  it('maxRedirects: 0 does not follow: the code gets the 301', async () => {
    const err = (await api().get('/contacts/crd_old', { maxRedirects: 0 }).catch((e: unknown) => e)) as AxiosError;
    expect(err.response?.status).toBe(301);
    expectNotFollowed(await report());
  });

  it('through installContactRedirects: the POST reaches /contacts/crd_new/notes with its body and Authorization', async () => {
    const instance = api();
    installContactRedirects(instance, { frontBaseUrls: [sim.api2Url] });
    const res = await instance.post('/contacts/crd_old/notes', NOTE);
    expect(res.status).toBe(201);
    expectHelperFollowed(await report(), 'POST', '/notes');
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }]);
  });
});

describe(`got ${GOT_MAJOR}`, () => {
  const client = () => got.extend({ prefixUrl: sim.api2Url, headers: { authorization: AUTH }, retry: { limit: 0 } });

  it(
    GOT_MAJOR >= 15
      ? 'POST /notes: the cross-origin 301 turns it into a GET without Authorization (401), the note is lost'
      : 'POST /notes: got 14 keeps the POST across origins but drops Authorization (401): the note is lost all the same',
    async () => {
      const err = (await client().post('contacts/crd_old/notes', { json: NOTE }).catch((e: unknown) => e)) as HTTPError;
      expect(err).toBeInstanceOf(HTTPError);
      expect(err.response.statusCode).toBe(401);
      const r = await report();
      if (GOT_MAJOR >= 15) expectMethodChanged(r);
      else expectAuthDropped(r, 'POST');
      expect(notesOfNewContact()).toEqual([]);
    },
  );

  it('GET: drops Authorization on the origin change → 401', async () => {
    const err = (await client().get('contacts/crd_old').catch((e: unknown) => e)) as HTTPError;
    expect(err.response.statusCode).toBe(401);
    expectAuthDropped(await report());
  });

  it('followRedirect: false does not follow: the code gets the 301', async () => {
    const res = await client().get('contacts/crd_old', { followRedirect: false });
    expect(res.statusCode).toBe(301);
    expectNotFollowed(await report());
  });

  it('through withGotContactRedirects (even with followRedirect: false, as legacy-app/notes.ts has it): the POST reaches /contacts/crd_new/notes with its body and Authorization', async () => {
    for (const base of [client(), client().extend({ followRedirect: false })]) {
      const redirects: string[] = [];
      const front = withGotContactRedirects(base, { frontBaseUrls: [sim.api2Url], onRedirect: (e) => redirects.push(`${e.oldId}→${e.newId}`) });
      const res = await front.post('contacts/crd_old/notes', { json: NOTE, responseType: 'json' });
      expect(res.statusCode).toBe(201);
      expect(redirects).toEqual(['crd_old→crd_new']);
    }
    await sim.settled();
    expect(sim.redirects.map((r) => [r.outcome, r.followUp?.method, r.followUp?.origin, r.followUp?.hasAuthorization, r.followUp?.path]))
      .toEqual([['followed', 'POST', 'api2', true, '/contacts/crd_new/notes'], ['followed', 'POST', 'api2', true, '/contacts/crd_new/notes']]);
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }, { contactId: 'crd_new', body: NOTE }]);
  });

  it('through withGotContactRedirects, a GET gets the contact; other routes keep the instance\'s own redirect handling', async () => {
    const front = withGotContactRedirects(client(), { frontBaseUrls: [sim.api2Url] });
    const res = await front.get('contacts/crd_old', { responseType: 'json' });
    expect([res.statusCode, (res.body as { id: string }).id]).toEqual([200, 'crd_new']);
    expectHelperFollowed(await report(), 'GET');
  });

  it('with the id from resolveContactId first, the POST lands on the new contact', async () => {
    const id = await resolveContactId('crd_old', { baseUrl: sim.api2Url, token: TOKEN });
    expect(id).toBe('crd_new');
    const res = await client().post(`contacts/${id}/notes`, { json: NOTE });
    expect(res.statusCode).toBe(201);
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }]);
  });
});

describe('superagent', () => {
  it('POST /notes: follows as a GET on the api origin without Authorization (401)', async () => {
    const err = (await superagent.post(`${sim.api2Url}/contacts/crd_old/notes`).set('Authorization', AUTH).send(NOTE).catch((e: unknown) => e)) as { status?: number };
    expect(err.status).toBe(401);
    expectMethodChanged(await report());
  });

  it('GET: drops Authorization on the origin change → 401', async () => {
    const err = (await superagent.get(`${sim.api2Url}/contacts/crd_old`).set('Authorization', AUTH).catch((e: unknown) => e)) as { status?: number };
    expect(err.status).toBe(401);
    expectAuthDropped(await report());
  });

  it('.redirects(0) does not follow: the code gets the 301', async () => {
    const err = (await superagent.get(`${sim.api2Url}/contacts/crd_old`).set('Authorization', AUTH).redirects(0).catch((e: unknown) => e)) as { status?: number };
    expect(err.status).toBe(301);
    expectNotFollowed(await report());
  });
});

describe('needle', () => {
  it('through withNeedleContactRedirects, with or without follow_max: the POST reaches /contacts/crd_new/notes (promise), a GET gets the contact (callback)', async () => {
    const front = withNeedleContactRedirects(needle, { frontBaseUrls: [sim.api2Url] });
    for (const extra of [{}, { follow_max: 5 }]) {
      const res = await front('post', `${sim.api2Url}/contacts/crd_old/notes`, NOTE, { json: true, headers: { Authorization: AUTH }, ...extra });
      expect(res.statusCode).toBe(201);
    }
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }, { contactId: 'crd_new', body: NOTE }]);
    const got = await new Promise<{ status?: number; id?: string }>((resolve, reject) =>
      (front as unknown as { get: (url: string, o: object, cb: (err: unknown, res?: { statusCode?: number }, body?: unknown) => void) => void }).get(`${sim.api2Url}/contacts/crd_old`, { json: true, headers: { Authorization: AUTH } }, (err, res, body) =>
        err ? reject(err) : resolve({ status: res?.statusCode, id: (body as { id?: string }).id })));
    expect(got).toEqual({ status: 200, id: 'crd_new' });
    await sim.settled();
    expect(sim.redirects.map((r) => [r.outcome, r.followUp?.method, r.followUp?.origin, r.followUp?.hasAuthorization])).toEqual([
      ['followed', 'POST', 'api2', true], ['followed', 'POST', 'api2', true], ['followed', 'GET', 'api2', true],
    ]);
  });

  it('does not follow by default: the code gets the 301', async () => {
    const res = await needle('post', `${sim.api2Url}/contacts/crd_old/notes`, NOTE, { json: true, headers: { Authorization: AUTH } });
    expect(res.statusCode).toBe(301);
    const r = await report();
    expectNotFollowed(r);
    expect(r.request.method).toBe('POST');
  });

  it('with follow_max: POST becomes a GET on the api origin without Authorization (401)', async () => {
    const res = await needle('post', `${sim.api2Url}/contacts/crd_old/notes`, NOTE, { json: true, headers: { Authorization: AUTH }, follow_max: 5 });
    expect(res.statusCode).toBe(401);
    expectMethodChanged(await report());
  });
});

describe('node:http', () => {
  it('never follows: the code gets the 301', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${sim.api2Url}/contacts/crd_old`, { headers: { Authorization: AUTH } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(301);
    expectNotFollowed(await report());
  });

  /** One request through the module, as legacy-app/legacyContact.js writes it: options object, callback, write, end. */
  const send = (mod: typeof http, path: string, method: string, body?: string) =>
    new Promise<{ status: number; body: string; seen: number }>((resolve, reject) => {
      const { hostname, port } = new URL(sim.api2Url);
      let seen = 0;
      const req = mod.request({ hostname, port, path, method, headers: { Authorization: AUTH, 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, seen }));
      });
      req.on('response', () => seen++);
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });

  it('through withHttpContactRedirects: the POST (body written in parts) reaches /contacts/crd_new/notes, the callback gets only the final answer', async () => {
    const front = withHttpContactRedirects(http, { frontBaseUrls: [sim.api2Url] });
    const r = await send(front, '/contacts/crd_old/notes', 'POST', JSON.stringify(NOTE));
    expect([r.status, r.seen]).toEqual([201, 1]);
    expectHelperFollowed(await report(), 'POST', '/notes');
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }]);
  });

  it('through withHttpContactRedirects: a GET gets the contact; other paths pass through', async () => {
    const front = withHttpContactRedirects(http, { frontBaseUrls: [sim.api2Url] });
    const r = await send(front, '/contacts/crd_old', 'GET');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ id: 'crd_new' });
    expectHelperFollowed(await report(), 'GET');
    const list = await send(front, '/contacts', 'GET');
    expect(list.status).toBe(200);
  });
});

describe('ky (fetch underneath)', () => {
  it('POST /notes: the followed 301 becomes a GET without Authorization (401)', async () => {
    const res = await ky.post(`${sim.api2Url}/contacts/crd_old/notes`, { json: NOTE, headers: { Authorization: AUTH }, throwHttpErrors: false, retry: 0 });
    expect(res.status).toBe(401);
    expectMethodChanged(await report());
  });

  it('GET: drops Authorization on the origin change → 401', async () => {
    const res = await ky.get(`${sim.api2Url}/contacts/crd_old`, { headers: { Authorization: AUTH }, throwHttpErrors: false, retry: 0 });
    expect(res.status).toBe(401);
    expectAuthDropped(await report());
  });

  it('with fetch: withContactRedirects(fetch): the POST reaches the new contact', async () => {
    const api = ky.create({ fetch: withContactRedirects(fetch, { frontBaseUrls: [sim.api2Url] }), headers: { Authorization: AUTH }, retry: 0 });
    const res = await api.post(`${sim.api2Url}/contacts/crd_old/notes`, { json: NOTE });
    expect(res.status).toBe(201);
    expectHelperFollowed(await report(), 'POST', '/notes');
    expect(notesOfNewContact()).toEqual([{ contactId: 'crd_new', body: NOTE }]);
  });
});
