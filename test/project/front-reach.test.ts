/**
 * The CLI analyses a file only when it can get a finding: it (or what it imports) may hold a contact URL,
 * and it (or what it imports, transitively) names Front — or it uses Front Chat. These tests pin the
 * second condition, and prove on the fixture corpus and the example app that it never drops a file the
 * engine reports on.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core';
import { frontHostsOf, mightMatch, mightNameFront, mightReportAlone } from '../../src/core/prefilter';
import { NEAR_MISS, createFixtureHost, listFixtureCases, sourceFilesUnder } from '../support/fixtures';
import { DiskSourceHost } from '../../src/project/host';
import { filesReachingFront, filesToAnalyse, mayReachFront, scanImportSpecifiers, type ClosureInput } from '../../src/project/imports';
import { prepareRun } from '../../src/cli/project-run';
import { tempProject } from '../support/temp-project';

const ROOT = path.resolve(__dirname, '..', '..');

const project = (files: Record<string, string>): string => tempProject('reach', files);

const names = (text: string) => mightNameFront(text);
const reachOf = (host: DiskSourceHost) => ({ names, always: mightReportAlone, read: (f: string) => host.readFile(f) });

describe('mightNameFront', () => {
  it('holds for every way the engine recognises Front', () => {
    for (const t of [
      "const API = 'https://api2.frontapp.com';",
      'const u = `https://${tenant}.api.frontapp.com/contacts`;',
      'const token = process.env.FRONT_API_TOKEN;',
      'axios.create({ baseURL: config.frontApiUrl });',
      'fetch(`${FRONTAPP_BASE}/contacts/${id}`);',
      "headers: { Authorization: 'Bearer ' + frontToken }",
    ])
      expect(mightNameFront(t), t).toBe(true);
  });
  it('does not hold for the app’s own contacts feature or other vendors', () => {
    for (const t of ["fetch('/api/contacts/' + id)", "axios.get('https://api.hubspot.com/teams/1/contacts')", 'const FRONTEND_URL = x;'])
      expect(mightNameFront(t), t).toBe(false);
  });
  it('looks for configured base URL hosts, in any case', () => {
    const hosts = frontHostsOf(['https://Front-Proxy.internal/api', 'gateway.acme.io', 'not a url']);
    expect(hosts).toEqual(['front-proxy.internal', 'gateway.acme.io']);
    expect(mightNameFront("const BASE = 'https://front-proxy.INTERNAL';", hosts)).toBe(true);
    expect(mightNameFront("const BASE = 'https://example.com';", hosts)).toBe(false);
  });
});

describe('filesReachingFront', () => {
  it('keeps files that name Front or import a file that does, transitively and through cycles', () => {
    const dir = project({
      'config.ts': "export const FRONT = 'https://api2.frontapp.com';",
      'client.ts': "import { FRONT } from './config';\nimport './b';\nexport const client = axios.create({ baseURL: FRONT });",
      'teams.ts': "import { client } from './client';\nexport const list = (t) => client.get(`/teams/${t}/contacts`);",
      'a.ts': "import './b';\nfetch('/api/contacts/1');", // a cycle a → b → a, neither names Front
      'b.ts': "import './a';\nexport const CONTACTS = '/contacts';",
      'own.ts': "fetch('/api/contacts/' + id);",
      'chat.tsx': "window.FrontChat('identity', { userId, contactId });",
    });
    const f = (n: string) => path.join(dir, n);
    const files: ClosureInput[] = ['config.ts', 'client.ts', 'teams.ts', 'a.ts', 'b.ts', 'own.ts', 'chat.tsx'].map((n) => ({
      file: f(n),
      text: readFileSync(f(n), 'utf8'),
    }));
    const host = new DiskSourceHost(files.map((x) => x.file));
    const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
    const selected = new Set(files.map((x) => x.file));
    const kept = filesReachingFront(files, selected, resolve, reachOf(host));
    // client.ts imports b.ts (in a cycle with a.ts) and config.ts: it reaches Front; a.ts does not. b.ts does not
    // either, but client.ts, which reaches Front, imports it (and may hand its functions a Front client): kept
    expect([...kept].map((k) => path.basename(k)).sort()).toEqual(['b.ts', 'chat.tsx', 'client.ts', 'config.ts', 'teams.ts']);
  });

  it('reads imports outside the checked paths, and uses what was remembered of files read without their text', () => {
    const dir = project({
      'shared/front.ts': "export const BASE = 'https://api2.frontapp.com';",
      'shared/other.ts': "export const BASE = 'https://example.com';",
      'src/contacts.ts': "import { BASE } from '../shared/front';\nfetch(BASE + '/teams/1/contacts');",
      'src/plain.ts': "import { BASE } from '../shared/other';\nfetch(BASE + '/teams/1/contacts');",
      'src/viaToken.ts': "import { token } from './token';\nfetch('/contacts/' + id, { redirect: 'manual' });",
      'src/token.ts': 'export const token = process.env.FRONT_TOKEN;',
    });
    const f = (n: string) => path.join(dir, n);
    // only src/ is being checked; token.ts did not match the contact test, so its text was not kept
    const files: ClosureInput[] = [
      { file: f('src/contacts.ts'), text: "import { BASE } from '../shared/front';\nfetch(BASE + '/teams/1/contacts');" },
      { file: f('src/plain.ts'), text: "import { BASE } from '../shared/other';\nfetch(BASE + '/teams/1/contacts');" },
      { file: f('src/viaToken.ts'), text: "import { token } from './token';\nfetch('/contacts/' + id, { redirect: 'manual' });" },
      { file: f('src/token.ts'), specifiers: [], namesFront: true },
    ];
    const host = new DiskSourceHost(files.map((x) => x.file));
    const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
    const selected = new Set([f('src/contacts.ts'), f('src/plain.ts'), f('src/viaToken.ts')]);
    const kept = filesReachingFront(files, selected, resolve, reachOf(host));
    expect([...kept].map((k) => path.relative(dir, k)).sort()).toEqual(['src/contacts.ts', 'src/viaToken.ts']);
  });
});

describe('mayReachFront (the shortcut for applications without Front code)', () => {
  const inputs = (dir: string, names: string[]): ClosureInput[] =>
    names.map((n) => ({ file: path.join(dir, n), text: readFileSync(path.join(dir, n), 'utf8') }));
  const ask = (dir: string, names: string[]) => {
    const files = inputs(dir, names);
    const host = new DiskSourceHost(files.map((x) => x.file));
    return mayReachFront(files, (from, spec) => host.resolveImport(from, spec), reachOf(host));
  };

  it('is false when nothing checked or imported names Front, however many contact routes there are', () => {
    const dir = project({
      'src/contacts.ts': "import { api } from './api';\nimport React from 'react';\nexport const list = (t) => api.get(`/teams/${t}/contacts`);",
      'src/api.ts': "export const api = axios.create({ baseURL: '/api' });",
      'shared/util.ts': 'export const x = 1;',
      'src/uses-shared.ts': "import { x } from '../shared/util';\nfetch('/contacts/' + x, { redirect: 'manual' });",
    });
    expect(ask(dir, ['src/contacts.ts', 'src/api.ts', 'src/uses-shared.ts'])).toBe(false);
  });

  it('is true when a checked file names Front, or uses Front Chat', () => {
    const dir = project({ 'a.ts': "fetch('/contacts/1');", 'front.ts': 'export const T = process.env.FRONT_API_TOKEN;', 'chat.ts': "FrontChat('init', { userId });" });
    expect(ask(dir, ['a.ts', 'front.ts'])).toBe(true);
    expect(ask(dir, ['a.ts', 'chat.ts'])).toBe(true);
  });

  it('is true when Front is named only outside the checked files, through imports of imports', () => {
    const dir = project({
      'src/contacts.ts': "import { BASE } from '../config/base';\nfetch(BASE + '/teams/1/contacts');",
      'config/base.ts': "export { BASE } from './front';",
      'config/front.ts': "export const BASE = 'https://api2.frontapp.com';",
    });
    expect(ask(dir, ['src/contacts.ts'])).toBe(true);
  });

  it('asks a bare import once per tsconfig/workspace scope, and never answers one scope for another', () => {
    // Two apps whose tsconfig maps `@lib/*` to different folders; only app b's target (outside the checked files) names Front.
    const dir = project({
      'a/tsconfig.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./lib/*"] } } }',
      'a/src/one/x.ts': "import { BASE } from '@lib/base';\nimport React from 'react';\nfetch(BASE + '/contacts/1', { redirect: 'manual' });",
      'a/src/two/y.ts': "import { BASE } from '@lib/base';\nimport React from 'react';",
      'a/lib/base.ts': "export const BASE = '/api';",
      'b/tsconfig.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./vendor/*"] } } }',
      'b/src/z.ts': "import { BASE } from '@lib/base';\nfetch(BASE + '/contacts/1', { redirect: 'manual' });",
      'b/vendor/base.ts': "export const BASE = 'https://api2.frontapp.com';",
    });
    const askScoped = (names: string[]) => {
      const files = inputs(dir, names);
      const host = new DiskSourceHost(files.map((x) => x.file));
      const asked: string[] = [];
      const resolve = (from: string, spec: string) => (asked.push(`${path.relative(dir, path.dirname(from))} ${spec}`), host.resolveImport(from, spec));
      return { reaches: mayReachFront(files, resolve, reachOf(host), (folder) => host.bareImportScope(folder)), asked };
    };
    const a = askScoped(['a/src/one/x.ts', 'a/src/two/y.ts']);
    expect(a.reaches).toBe(false);
    // `@lib/base` and `react` from a/src/two are answered by the question asked from a/src/one
    expect(a.asked.filter((q) => q.endsWith('@lib/base'))).toEqual(['a/src/one @lib/base']);
    expect(a.asked.filter((q) => q.endsWith('react'))).toHaveLength(1);
    expect(askScoped(['a/src/one/x.ts', 'b/src/z.ts']).reaches).toBe(true);
  });

  it('lets the CLI select the files of the fixture corpus and the example app', async () => {
    for (const dir of [path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples', 'legacy-app')]) {
      const run = await prepareRun({ cwd: ROOT, paths: [dir], ruleArgs: [] });
      expect(run.selected.length, dir).toBeGreaterThan(0);
    }
  });
});

describe('the selection never drops a file the engine reports on', () => {
  it('on the fixture corpus (resolved as the fixture suite resolves it)', () => {
    const host = createFixtureHost();
    const files = sourceFilesUnder(path.join(ROOT, 'test', 'fixtures')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
    const matching = filesToAnalyse(files, mightMatch, resolve);
    const kept = filesReachingFront(files, matching, resolve, { names, always: mightReportAlone, read: (f) => host.readFile(f) });
    const cases = listFixtureCases();
    const positive = cases.filter((c) => c.expected.length > 0);
    expect(positive.length).toBeGreaterThan(100);
    const reported = cases.filter((c) => analyze(c.inputPath, c.inputText, { host }).findings.length > 0);
    expect(reported.length).toBe(positive.length);
    expect(reported.filter((c) => !kept.has(c.inputPath)).map((c) => `${c.rule}/${c.name}`)).toEqual([]);
    // …and it is a real filter: near misses and other files that mention contacts are left out
    expect(kept.size).toBeLessThan(matching.size);
    expect(cases.filter((c) => c.rule === NEAR_MISS && !kept.has(c.inputPath)).length).toBeGreaterThan(5);
  });

  it('on the example app, through the CLI’s own run preparation', async () => {
    const run = await prepareRun({ cwd: ROOT, paths: ['examples/legacy-app'], ruleArgs: [] });
    const selected = new Set(run.selected.map((s) => s.file));
    const host = new DiskSourceHost(run.sources.map((s) => s.file));
    const reported = run.sources.filter((s) => {
      const text = s.text ?? run.host.readFile(s.file);
      return text !== undefined && analyze(s.file, text, { host }).findings.length > 0;
    });
    expect(reported.length).toBeGreaterThan(5);
    expect(reported.filter((s) => !selected.has(s.file)).map((s) => path.relative(ROOT, s.file))).toEqual([]);
  });
});

describe('filesToAnalyse and filesReachingFront together', () => {
  it('analyse an importer of a contacts module only when the chain names Front', () => {
    const texts: Record<string, string> = {
      'routes.ts': "export const TEAM_CONTACTS = (t: string) => `/teams/${t}/contacts`;",
      'front.ts': "import { TEAM_CONTACTS } from './routes';\nconst FRONT_API = 'https://api2.frontapp.com';\nexport const get = (t: string) => fetch(FRONT_API + TEAM_CONTACTS(t));",
      'page.ts': "import { get } from './front';\nget('tea_1');",
      'own.ts': "import { TEAM_CONTACTS } from './routes';\nfetch(TEAM_CONTACTS('x'));",
    };
    const dir = project(texts);
    const files = Object.entries(texts).map(([n, text]) => ({ file: path.join(dir, n), text }));
    const host = new DiskSourceHost(files.map((x) => x.file));
    const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
    const matching = filesToAnalyse(files, (t) => /contact/i.test(t), resolve);
    expect(matching.size).toBe(4);
    const kept = filesReachingFront(files, matching, resolve, reachOf(host));
    // routes.ts is imported by front.ts, which names Front (its functions may be called with Front's values); own.ts
    // neither names Front nor is imported by a file that does
    expect([...kept].map((k) => path.basename(k)).sort()).toEqual(['front.ts', 'page.ts', 'routes.ts']);
    expect(scanImportSpecifiers(texts['page.ts'])).toEqual(['./front']);
  });
});
