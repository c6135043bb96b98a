// The redirect rules and the simulator cannot drift apart: for each client behaviour the README's rule
// sections describe, a snippet written against https://api2.frontapp.com must get exactly that rule from
// the engine, and the same call, sent to the simulator's api2 origin, must fail the way the rule says.
//
//   contact-redirect-disabled       → the 301 is not followed (the code gets the 301)
//   contact-redirect-method-change  → the followed 301 arrives as a GET: the write is lost
//   contact-redirect-auth-dropped   → the followed 301 reaches the api origin without Authorization: 401
//   no finding (runtime helper)     → the same method, body and Authorization reach the new id

import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import needle from 'needle';
import superagent from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/core';
import { installContactRedirects, withContactRedirects } from '../packages/runtime/src';
import { startSimulator, type FollowOutcome, type Simulator } from '../src/cli/simulate';

type Rule = 'contact-redirect-disabled' | 'contact-redirect-method-change' | 'contact-redirect-auth-dropped';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const GOT_MAJOR = Number((JSON.parse(readFileSync(join(__dirname, '../node_modules/got/package.json'), 'utf8')) as { version: string }).version.split('.')[0]);

/** The README section of a rule: from its `### \`id\`` heading to the next heading. */
function readmeSection(rule: Rule): string {
  const start = README.indexOf(`### \`${rule}\``);
  expect(start, `README has a section for ${rule}`).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n#', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

const TOKEN = 'tok_rules';
const AUTH = `Bearer ${TOKEN}`;
const NOTE = { body: 'Called back' };
const H = `const headers = { Authorization: 'Bearer ' + process.env.FRONT_API_TOKEN };\nconst id = process.argv[2];\n`;

interface Case {
  name: string;
  /** The rule the engine must report on `code` (undefined: no redirect finding). */
  rule: Rule | undefined;
  /** Text the README's section for that rule uses for this client or option. */
  readme?: string;
  code: string;
  /** The same call against the simulator's api2 origin; returns the status the code sees. */
  run(base: string): Promise<number>;
}

const statusOf = (e: unknown): number =>
  (e as { response?: { status?: number; statusCode?: number }; status?: number }).response?.status ??
  (e as { response?: { statusCode?: number } }).response?.statusCode ??
  (e as { status?: number }).status ??
  -1;
const settle = (p: Promise<{ status?: number; statusCode?: number }>) => p.then((r) => r.status ?? r.statusCode ?? -1, statusOf);

const cases: Case[] = [
  // contact-redirect-disabled: the README's table of clients and options that do not follow.
  {
    name: "fetch with redirect: 'manual'",
    rule: 'contact-redirect-disabled',
    readme: "`redirect: 'manual'`",
    code: `${H}fetch('https://api2.frontapp.com/contacts/' + id, { headers, redirect: 'manual' });`,
    run: (base) => settle(fetch(`${base}/contacts/crd_old`, { headers: { Authorization: AUTH }, redirect: 'manual' })),
  },
  {
    name: 'axios with maxRedirects: 0',
    rule: 'contact-redirect-disabled',
    readme: '`maxRedirects: 0`',
    code: `import axios from 'axios';\n${H}axios.get('https://api2.frontapp.com/contacts/' + id, { headers, maxRedirects: 0 });`,
    run: (base) => settle(axios.get(`${base}/contacts/crd_old`, { headers: { Authorization: AUTH }, maxRedirects: 0 })),
  },
  {
    name: 'got with followRedirect: false',
    rule: 'contact-redirect-disabled',
    readme: '`followRedirect: false`',
    code: `import got from 'got';\n${H}got('https://api2.frontapp.com/contacts/' + id, { headers, followRedirect: false });`,
    run: (base) => settle(got(`${base}/contacts/crd_old`, { headers: { authorization: AUTH }, followRedirect: false, retry: { limit: 0 } })),
  },
  {
    name: 'superagent with .redirects(0)',
    rule: 'contact-redirect-disabled',
    readme: '`.redirects(0)`',
    code: `import superagent from 'superagent';\n${H}superagent.get('https://api2.frontapp.com/contacts/' + id).set(headers).redirects(0);`,
    run: (base) => settle(superagent.get(`${base}/contacts/crd_old`).set('Authorization', AUTH).redirects(0)),
  },
  {
    name: 'needle (follows only with follow_max)',
    rule: 'contact-redirect-disabled',
    readme: '`needle`',
    code: `import needle from 'needle';\n${H}needle('get', 'https://api2.frontapp.com/contacts/' + id, { headers });`,
    run: (base) => settle(needle('get', `${base}/contacts/crd_old`, null, { headers: { Authorization: AUTH } })),
  },
  {
    name: 'node:https request',
    rule: 'contact-redirect-disabled',
    readme: '`node:http` / `node:https`',
    code: `import https from 'node:https';\n${H}https.request('https://api2.frontapp.com/contacts/' + id, { headers }).end();`,
    run: (base) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${base}/contacts/crd_old`, { headers: { Authorization: AUTH } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? -1);
        });
        req.on('error', reject);
        req.end();
      }),
  },

  // contact-redirect-method-change: a write that a followed 301 turns into a GET.
  {
    name: 'fetch POST /notes',
    rule: 'contact-redirect-method-change',
    readme: 'fetch',
    code: `${H}fetch('https://api2.frontapp.com/contacts/' + id + '/notes', { method: 'POST', headers, body: JSON.stringify({ body: 'x' }) });`,
    run: (base) => settle(fetch(`${base}/contacts/crd_old/notes`, { method: 'POST', headers: { Authorization: AUTH }, body: JSON.stringify(NOTE) })),
  },
  {
    name: 'axios.post /notes',
    rule: 'contact-redirect-method-change',
    readme: 'axios/follow-redirects',
    code: `import axios from 'axios';\n${H}axios.post('https://api2.frontapp.com/contacts/' + id + '/notes', { body: 'x' }, { headers });`,
    run: (base) => settle(axios.post(`${base}/contacts/crd_old/notes`, NOTE, { headers: { Authorization: AUTH } })),
  },
  {
    name: 'superagent.post /notes',
    rule: 'contact-redirect-method-change',
    readme: 'superagent',
    code: `import superagent from 'superagent';\n${H}superagent.post('https://api2.frontapp.com/contacts/' + id + '/notes').set(headers).send({ body: 'x' });`,
    run: (base) => settle(superagent.post(`${base}/contacts/crd_old/notes`).set('Authorization', AUTH).send(NOTE)),
  },
  {
    name: 'ky.post /notes',
    rule: 'contact-redirect-method-change',
    readme: 'ky',
    code: `import ky from 'ky';\n${H}ky.post('https://api2.frontapp.com/contacts/' + id + '/notes', { headers, json: { body: 'x' } });`,
    run: (base) => settle(ky.post(`${base}/contacts/crd_old/notes`, { headers: { Authorization: AUTH }, json: NOTE, retry: 0, throwHttpErrors: false })),
  },
  {
    name: 'needle with follow_max, POST /notes',
    rule: 'contact-redirect-method-change',
    readme: 'a following needle',
    code: `import needle from 'needle';\n${H}needle('post', 'https://api2.frontapp.com/contacts/' + id + '/notes', { body: 'x' }, { headers, follow_max: 5 });`,
    run: (base) => settle(needle('post', `${base}/contacts/crd_old/notes`, NOTE, { json: true, headers: { Authorization: AUTH }, follow_max: 5 })),
  },
  {
    name: `got.post /notes (cross-origin; got ${GOT_MAJOR} installed)`,
    rule: 'contact-redirect-method-change',
    readme: 'got 15+',
    code: `import got from 'got';\n${H}got.post('https://api2.frontapp.com/contacts/' + id + '/notes', { headers, json: { body: 'x' } });`,
    run: (base) => settle(got.post(`${base}/contacts/crd_old/notes`, { headers: { authorization: AUTH }, json: NOTE, retry: { limit: 0 } })),
  },

  // contact-redirect-auth-dropped: a read on api2 whose followed 301 loses Authorization.
  ...(
    [
      ['fetch', '`fetch`', `fetch('https://api2.frontapp.com/contacts/' + id, { headers });`, (b: string) => settle(fetch(`${b}/contacts/crd_old`, { headers: { Authorization: AUTH } }))],
      ['axios', '`axios` (Node)', `import axios from 'axios';\naxios.get('https://api2.frontapp.com/contacts/' + id, { headers });`, (b: string) => settle(axios.get(`${b}/contacts/crd_old`, { headers: { Authorization: AUTH } }))],
      ['got', '`got`', `import got from 'got';\ngot('https://api2.frontapp.com/contacts/' + id, { headers });`, (b: string) => settle(got(`${b}/contacts/crd_old`, { headers: { authorization: AUTH }, retry: { limit: 0 } }))],
      ['superagent', '`superagent`', `import superagent from 'superagent';\nsuperagent.get('https://api2.frontapp.com/contacts/' + id).set(headers);`, (b: string) => settle(superagent.get(`${b}/contacts/crd_old`).set('Authorization', AUTH))],
      ['ky', '`ky`', `import ky from 'ky';\nky.get('https://api2.frontapp.com/contacts/' + id, { headers });`, (b: string) => settle(ky.get(`${b}/contacts/crd_old`, { headers: { Authorization: AUTH }, retry: 0, throwHttpErrors: false }))],
    ] as const
  ).map(([client, readme, call, run]): Case => ({
    name: `${client} GET on api2`,
    rule: 'contact-redirect-auth-dropped',
    readme,
    // imports first, then the shared header lines, then the call
    code: call.includes('\n') ? `${call.split('\n')[0]}\n${H}${call.split('\n')[1]}` : `${H}${call}`,
    run,
  })),

  // Through the runtime helper: no finding, and the request arrives intact.
  {
    name: 'withContactRedirects(fetch) POST /notes',
    rule: undefined,
    code: `import { withContactRedirects } from 'front-contacts-runtime';\n${H}const frontFetch = withContactRedirects(fetch);\nfrontFetch('https://api2.frontapp.com/contacts/' + id + '/notes', { method: 'POST', headers, body: '{}' });`,
    run: (base) => settle(withContactRedirects(fetch, { frontBaseUrls: [base] })(`${base}/contacts/crd_old/notes`, { method: 'POST', headers: { Authorization: AUTH }, body: JSON.stringify(NOTE) })),
  },
  {
    name: 'installContactRedirects(axios instance) POST /notes',
    rule: undefined,
    code: `import axios from 'axios';\nimport { installContactRedirects } from 'front-contacts-runtime';\n${H}const api = axios.create({ baseURL: 'https://api2.frontapp.com', headers });\ninstallContactRedirects(api);\napi.post('/contacts/' + id + '/notes', { body: 'x' });`,
    run: (base) => {
      const api = axios.create({ baseURL: base, headers: { Authorization: AUTH } });
      installContactRedirects(api, { frontBaseUrls: [base] });
      return settle(api.post('/contacts/crd_old/notes', NOTE));
    },
  },
];

/** What each rule says will happen to the call, as the simulator observes it. */
function predicted(c: Case): { outcome: FollowOutcome; status: number; followUpMethod?: string; writeLost: boolean } {
  const isWrite = /\/notes/.test(c.code);
  switch (c.rule) {
    case 'contact-redirect-disabled':
      return { outcome: 'not-followed', status: 301, writeLost: isWrite };
    case 'contact-redirect-method-change':
      // got 14 keeps the POST across origins but drops Authorization: the write is lost all the same.
      if (c.name.startsWith('got') && GOT_MAJOR < 15) return { outcome: 'auth-dropped', status: 401, followUpMethod: 'POST', writeLost: true };
      return { outcome: 'method-changed', status: 401, followUpMethod: 'GET', writeLost: true };
    case 'contact-redirect-auth-dropped':
      return { outcome: 'auth-dropped', status: 401, followUpMethod: 'GET', writeLost: false };
    case undefined:
      return { outcome: 'followed', status: 201, followUpMethod: 'POST', writeLost: false };
  }
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ migrated: { crd_old: 'crd_new' }, token: TOKEN, followWindowMs: 300 });
});
afterAll(async () => {
  await sim.close();
});

const REDIRECT_RULES = new Set<string>(['contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped']);

describe('each redirect rule predicts what the simulator shows', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // 1. the engine's verdict on the snippet
    const findings = analyze('/virtual/case.ts', c.code).findings.filter((f) => REDIRECT_RULES.has(f.ruleId));
    expect(findings.map((f) => f.ruleId), c.code).toEqual(c.rule ? [c.rule] : []);
    // 2. the README's section for that rule names this client or option
    if (c.rule && c.readme) expect(readmeSection(c.rule)).toContain(c.readme);
    // 3. the simulator's observation of the same call
    sim.reset();
    sim.model.notes.length = 0;
    const status = await c.run(sim.api2Url);
    await sim.settled();
    const want = predicted(c);
    expect(sim.redirects.map((r) => r.outcome)).toEqual([want.outcome]);
    const r = sim.redirects[0]!;
    expect(status).toBe(want.status);
    expect(r.followUp?.method).toBe(want.followUpMethod);
    if (c.rule === 'contact-redirect-auth-dropped' || c.rule === 'contact-redirect-method-change') {
      expect(r.originChanged).toBe(true);
      expect(r.authDropped).toBe(true);
    }
    if (/\/notes/.test(c.code)) expect(sim.model.notes.length === 0).toBe(want.writeLost);
  });

  it('covers every redirect rule', () => {
    for (const rule of REDIRECT_RULES) expect(cases.some((c) => c.rule === rule), rule).toBe(true);
  });
});
