// Behind a proxy, the runtime-helper suggestion must carry the project's frontBaseUrls: the runtime knows
// *.frontapp.com by itself but not the proxy, and without being told it passes the proxy's 301 through
// untouched, so the code keeps losing the write while `check` turns green.
//
// The simulator's api2 origin (a 127.0.0.1 host, not *.frontapp.com) plays a pass-through proxy: it answers
// Front's 301 with a Location on another origin. Code written against it is analysed with that origin in
// `frontBaseUrls` + `passThroughProxies`, the first suggestion is applied (`fix --suggestions`), and the
// result is bundled with the front-contacts-runtime package source and run against the simulator.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyze, fixText } from '../src/core';
import { startSimulator, type Simulator } from '../src/cli/simulate';

const TOKEN = 'tok_proxy';
let sim: Simulator;
let work: string;

beforeAll(async () => {
  sim = await startSimulator({ migrated: { crd_old: 'crd_new' }, token: TOKEN, followWindowMs: 300 });
  work = mkdtempSync(join(tmpdir(), 'fc-proxy-suggestion-'));
});
afterAll(async () => {
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  sim.reset();
  sim.model.notes.length = 0;
});

/** Code written against the proxy, exporting `addNote(id, token)` that resolves to the HTTP status it got. */
const fetchCode = (proxy: string) =>
  [
    `const PROXY = '${proxy}';`,
    'export async function addNote(id: string, token: string): Promise<number> {',
    '  const res = await fetch(`${PROXY}/contacts/${id}/notes`, {',
    "    method: 'POST',",
    "    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },",
    "    body: JSON.stringify({ body: 'via the proxy' }),",
    '  });',
    '  return res.status;',
    '}',
    '',
  ].join('\n');

const axiosCode = (proxy: string) =>
  [
    "import axios from 'axios';",
    `const front = axios.create({ baseURL: '${proxy}' });`,
    'export async function addNote(id: string, token: string): Promise<number> {',
    "  const res = await front.post(`/contacts/${id}/notes`, { body: 'via the proxy' }, { headers: { Authorization: `Bearer ${token}` }, validateStatus: () => true });",
    '  return res.status;',
    '}',
    '',
  ].join('\n');

let counter = 0;
/** Bundles `code` (importing front-contacts-runtime from its package source) and loads its addNote. */
async function load(code: string): Promise<(id: string, token: string) => Promise<number>> {
  const n = ++counter;
  const entry = join(work, `app-${n}.ts`);
  writeFileSync(entry, code);
  const outfile = join(work, `app-${n}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    alias: { 'front-contacts-runtime': join(__dirname, '../packages/runtime/src/index.ts') },
    // the app's own dependencies (axios) come from the repository's node_modules
    nodePaths: [join(__dirname, '../node_modules')],
  });
  const mod = createRequire(__filename)(outfile) as { addNote: (id: string, token: string) => Promise<number> };
  return mod.addNote;
}

function suggested(code: string, proxy: string): string {
  const r = fixText('/app/notes.ts', code, { suggestions: true, frontBaseUrls: [proxy], passThroughProxies: [proxy] });
  expect(r.refused).toBeUndefined();
  return r.output;
}

describe('the runtime-helper suggestion behind a pass-through proxy', () => {
  it('fetch: the suggestion passes the proxy as frontBaseUrls, and the suggested code re-sends the POST through the proxy', async () => {
    const proxy = sim.api2Url;
    const code = fetchCode(proxy);
    const finding = analyze('/app/notes.ts', code, { frontBaseUrls: [proxy], passThroughProxies: [proxy] }).findings;
    expect(finding.map((f) => f.ruleId)).toEqual(['contact-redirect-method-change']);
    const fixed = suggested(code, proxy);
    expect(fixed).toContain(`withContactRedirects(fetch, { frontBaseUrls: ['${proxy}'] })(\`\${PROXY}/contacts/\${id}/notes\``);
    expect(fixed).toContain("import { withContactRedirects } from 'front-contacts-runtime';");
    // fixed code has no finding left
    expect(analyze('/app/notes.ts', fixed, { frontBaseUrls: [proxy], passThroughProxies: [proxy] }).findings).toEqual([]);

    // before: the followed 301 leaves the proxy, as a GET without Authorization; the note is lost
    expect(await (await load(code))('crd_old', TOKEN)).toBe(401);
    expect(sim.model.notes).toEqual([]);

    // after: the same POST, body and Authorization to the new id, on the proxy's origin
    sim.reset();
    expect(await (await load(fixed))('crd_old', TOKEN)).toBe(201);
    expect(sim.requests.map((r) => [r.origin, r.method, r.path, r.hasAuthorization])).toEqual([
      ['api2', 'POST', '/contacts/crd_old/notes', true],
      ['api2', 'POST', '/contacts/crd_new/notes', true],
    ]);
    expect(sim.model.notes.map((n) => n.contactId)).toEqual(['crd_new']);

    // the option is what makes it work: the same wrap without it leaves the proxy's 301 to fetch
    sim.reset();
    const withoutOption = fixed.replace(`, { frontBaseUrls: ['${proxy}'] }`, '');
    expect(await (await load(withoutOption))('crd_old', TOKEN)).toBe(401);
  });

  it('axios: installContactRedirects gets the proxy too, and the suggested code re-sends the POST through the proxy', async () => {
    const proxy = sim.api2Url;
    const code = axiosCode(proxy);
    const fixed = suggested(code, proxy);
    expect(fixed).toContain(`installContactRedirects(front, { frontBaseUrls: ['${proxy}'] });`);
    expect(await (await load(code))('crd_old', TOKEN)).toBe(401);
    sim.reset();
    expect(await (await load(fixed))('crd_old', TOKEN)).toBe(201);
    expect(sim.requests.map((r) => [r.origin, r.method, r.path, r.hasAuthorization])).toEqual([
      ['api2', 'POST', '/contacts/crd_old/notes', true],
      ['api2', 'POST', '/contacts/crd_new/notes', true],
    ]);
  });
});

describe('which base the suggestion passes', () => {
  const titleAndText = (code: string, opts: { frontBaseUrls?: string[]; passThroughProxies?: string[] }) =>
    fixText('/app/a.ts', code, { suggestions: true, ...opts }).output;

  it('a configured base URL with a path is passed as written (the runtime strips it before /contacts)', () => {
    const code = "export const add = (id: string) => fetch('https://gw.example.com/front/contacts/' + id + '/notes', { method: 'POST', body: '{}' });\n";
    expect(titleAndText(code, { frontBaseUrls: ['https://gw.example.com/front/'] })).toContain(
      "withContactRedirects(fetch, { frontBaseUrls: ['https://gw.example.com/front'] })(",
    );
  });

  it('a bare host entry becomes the request origin, port included (the runtime compares scheme and host)', () => {
    const code = "export const add = (id: string) => fetch('http://front-proxy.internal:8080/contacts/' + id + '/notes', { method: 'POST', body: '{}' });\n";
    expect(titleAndText(code, { frontBaseUrls: ['front-proxy.internal'] })).toContain(
      "withContactRedirects(fetch, { frontBaseUrls: ['http://front-proxy.internal:8080'] })(",
    );
  });

  it("Front's own hosts need no option, and neither does a request whose origin is unknown", () => {
    const api2 = "export const add = (id: string) => fetch('https://api2.frontapp.com/contacts/' + id + '/notes', { method: 'POST', body: '{}' });\n";
    expect(titleAndText(api2, { frontBaseUrls: ['https://gw.example.com'] })).toContain('withContactRedirects(fetch)(');
    const unknown = "const FRONT_API = process.env.FRONT_API!;\nexport const add = (id: string) => fetch(`${FRONT_API}/contacts/${id}/notes`, { method: 'POST', body: '{}' });\n";
    expect(titleAndText(unknown, { frontBaseUrls: ['https://gw.example.com'] })).toContain('withContactRedirects(fetch)(');
  });
});
