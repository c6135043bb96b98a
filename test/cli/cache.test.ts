/**
 * `check --cache` on the built bin: a second run over an unchanged project analyses no file and
 * prints the same report; a change to a file, to a file it imports, to where an import resolves,
 * or to the settings brings the affected files (and only those) back to the engine.
 * `--debug` prints "N analysed, M from cache" on stderr, which is what these tests count.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, runCli, writeFiles, type RunResult } from './helpers';

beforeAll(ensureBuilt, 120_000);

const ROUTES = "export const TEAM_CONTACTS = (teamId: string) => `/teams/${teamId}/contacts`;\n";
const ROUTES_FIXED = 'export const TEAM_CONTACTS = (teamId: string) => `/contacts`;\n';
const CLIENT = "import { TEAM_CONTACTS } from './routes';\nexport const list = (id: string) => fetch('https://api2.frontapp.com' + TEAM_CONTACTS(id));\n";
const OWN = "export const own = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";
const CLEAN = "export const contacts = () => fetch('https://api2.frontapp.com/contacts');\n";

function project(): string {
  return makeProject({ 'src/routes.ts': ROUTES, 'src/client.ts': CLIENT, 'src/own.ts': OWN, 'src/clean.ts': CLEAN, 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n' });
}

/** The numbers of the --debug line. */
function counts(r: RunResult): { selected: number; analysed: number; cached: number } {
  const m = /debug: \d+ files?, (\d+) selected, (\d+) analysed, (\d+) from cache/.exec(r.stderr);
  if (!m) throw new Error(`no debug line in:\n${r.stderr}`);
  return { selected: Number(m[1]), analysed: Number(m[2]), cached: Number(m[3]) };
}

/** Findings as `file:line rule`, from a json report. */
function findings(r: RunResult): string[] {
  return (JSON.parse(r.stdout) as { filePath: string; findings: { range: { start: { line: number } }; ruleId: string }[] }[]).flatMap((f) =>
    f.findings.map((x) => `${path.basename(f.filePath)}:${x.range.start.line} ${x.ruleId}`),
  );
}

const check = (dir: string, ...extra: string[]) => runCli(dir, ['check', '--format', 'json', '--cache', '--debug', ...extra]);

describe('check --cache', () => {
  it('a second run on an unchanged project analyses no file and prints the same report (json and text)', async () => {
    const dir = project();
    const first = await check(dir);
    // routes.ts names no Front host, but client.ts, which does, imports it: analysed too (no finding of its own)
    expect(counts(first)).toEqual({ selected: 4, analysed: 4, cached: 0 });
    expect(existsSync(path.join(dir, '.front-contacts-cache'))).toBe(true);
    const second = await check(dir);
    expect(counts(second)).toEqual({ selected: 4, analysed: 0, cached: 4 });
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    expect(findings(second)).toEqual(['client.ts:2 team-contacts-endpoint', 'own.ts:1 team-contacts-endpoint']);
    // and what a run without the cache prints
    const plain = await runCli(dir, ['check', '--format', 'json']);
    expect(second.stdout).toBe(plain.stdout);
    // the text report (code frames come from the files, not the cache)
    const textCold = await runCli(dir, ['check']);
    const textWarm = await runCli(dir, ['check', '--cache', '--debug']);
    expect(counts(textWarm).analysed).toBe(0);
    expect(textWarm.stdout).toBe(textCold.stdout);
    expect(textWarm.stdout).toContain("> 2 | export const list = (id: string) => fetch('https://api2.frontapp.com' + TEAM_CONTACTS(id));");
  });

  it('changing an imported constants file re-analyses its importer, not the others', async () => {
    const dir = project();
    await check(dir);
    writeFiles(dir, { 'src/routes.ts': ROUTES_FIXED });
    const r = await check(dir);
    // routes.ts itself and its importer client.ts
    expect(counts(r)).toEqual({ selected: 4, analysed: 2, cached: 2 });
    expect(findings(r)).toEqual(['own.ts:1 team-contacts-endpoint']);
    expect(r.stdout).toBe((await runCli(dir, ['check', '--format', 'json'])).stdout);
    // and back: the importer reports again
    writeFiles(dir, { 'src/routes.ts': ROUTES });
    const back = await check(dir);
    expect(counts(back).analysed).toBe(2);
    expect(findings(back)).toEqual(['client.ts:2 team-contacts-endpoint', 'own.ts:1 team-contacts-endpoint']);
  });

  it('a change two imports away invalidates the importer too', async () => {
    const dir = makeProject({
      'src/host.ts': "export const FRONT = 'https://api2.frontapp.com';\n",
      'src/paths.ts': "import { FRONT } from './host';\nexport const teamContacts = (t: string) => FRONT + '/teams/' + t + '/contacts';\n",
      'src/use.ts': "import { teamContacts } from './paths';\nexport const go = (t: string) => fetch(teamContacts(t));\n",
    });
    const first = await check(dir);
    expect(findings(first)).toEqual(['paths.ts:2 team-contacts-endpoint']);
    // still Front code (it names FRONT_API_KEY), but the host is no longer Front's
    writeFiles(dir, { 'src/host.ts': "export const FRONT = 'https://api.example.com';\nexport const FRONT_API_KEY = 'k';\n" });
    const second = await check(dir);
    expect(counts(second)).toEqual({ selected: 2, analysed: 2, cached: 0 });
    expect(findings(second)).toEqual([]);
  });

  it('an import that starts to resolve to another file (a new file, a renamed one) invalidates the importer', async () => {
    const dir = makeProject({
      'src/routes.js': "export const TEAM_CONTACTS = (teamId) => `/teams/${teamId}/contacts`;\n",
      'src/client.ts': CLIENT,
    });
    expect(findings(await check(dir))).toEqual(['client.ts:2 team-contacts-endpoint']);
    // './routes' now finds routes.ts first (TypeScript sources win), which has no team path
    writeFiles(dir, { 'src/routes.ts': ROUTES_FIXED });
    const r = await check(dir);
    // client.ts again, and routes.ts, new (routes.js is no longer imported: not selected)
    expect(counts(r)).toEqual({ selected: 2, analysed: 2, cached: 0 });
    expect(findings(r)).toEqual([]);
    // an import that resolved to nothing, then to a file
    const dir2 = makeProject({ 'src/client.ts': CLIENT });
    expect(findings(await check(dir2))).toEqual([]);
    writeFiles(dir2, { 'src/routes.ts': ROUTES });
    const r2 = await check(dir2);
    expect(counts(r2)).toEqual({ selected: 2, analysed: 2, cached: 0 });
    expect(findings(r2)).toEqual(['client.ts:2 team-contacts-endpoint']);
  });

  it('deleting an imported file invalidates its importer', async () => {
    const dir = project();
    await check(dir);
    unlinkSync(path.join(dir, 'src', 'routes.ts'));
    const r = await check(dir);
    expect(counts(r)).toEqual({ selected: 3, analysed: 1, cached: 2 });
    expect(findings(r)).toEqual(['own.ts:1 team-contacts-endpoint']);
  });

  it('other rule settings, config or --report-unused-ignores do not reuse results', async () => {
    const dir = project();
    await check(dir);
    const off = await check(dir, '--rule', 'team-contacts-endpoint=warning');
    expect(counts(off).analysed).toBe(4);
    expect((JSON.parse(off.stdout) as { findings: { severity: string }[] }[]).flatMap((f) => f.findings.map((x) => x.severity))).toEqual(['warning', 'warning']);
    writeFiles(dir, { 'front-contacts.config.json': '{"frontBaseUrls": ["https://proxy.internal"]}' });
    expect(counts(await check(dir)).analysed).toBe(4);
    expect(counts(await check(dir)).analysed).toBe(0);
    expect(counts(await check(dir, '--report-unused-ignores')).analysed).toBe(4);
  });

  it('--cache-location names the file, or a folder to put it in; the default location is not written then', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'caches'));
    await check(dir, '--cache-location', 'caches/fc.json');
    expect(existsSync(path.join(dir, 'caches', 'fc.json'))).toBe(true);
    expect(existsSync(path.join(dir, '.front-contacts-cache'))).toBe(false);
    expect(counts(await check(dir, '--cache-location', 'caches/fc.json')).analysed).toBe(0);
    await check(dir, '--cache-location', 'caches');
    expect(existsSync(path.join(dir, 'caches', '.front-contacts-cache'))).toBe(true);
    await check(dir, '--cache-location', 'new-folder/');
    expect(existsSync(path.join(dir, 'new-folder', '.front-contacts-cache'))).toBe(true);
    const usage = await runCli(dir, ['check', '--cache-location', 'x']);
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, 'front-contacts: --cache-location needs --cache']);
  });

  it('still applies when the project (with its cache) moves to another path, as a CI cache restore does', async () => {
    const dir = project();
    const first = await check(dir);
    const moved = `${dir}-moved`;
    cpSync(dir, moved, { recursive: true });
    rmSync(dir, { recursive: true });
    const r = await check(moved);
    expect(counts(r).analysed).toBe(0);
    expect(r.stdout).toBe(first.stdout.split(dir).join(moved));
  });

  it('a corrupt or foreign cache file is ignored and replaced', async () => {
    const dir = project();
    const clean = await runCli(dir, ['check', '--format', 'json']);
    writeFileSync(path.join(dir, '.front-contacts-cache'), '{"format": 1, "key": "x", "files": {}, "resu');
    const r = await check(dir);
    expect(r.stderr).toContain('debug: cache .front-contacts-cache not used: not valid JSON');
    expect(counts(r).analysed).toBe(4);
    expect(r.stdout).toBe(clean.stdout);
    expect(JSON.parse(readFileSync(path.join(dir, '.front-contacts-cache'), 'utf8')).format).toBe(1);
    expect(counts(await check(dir)).analysed).toBe(0);
  });

  it('files that cannot be read are reported on every run, and a file that becomes readable is analysed', async () => {
    const dir = makeProject({ 'a.ts': OWN, 'b.ts': Buffer.from([0x00, 0x01, 0x02]) });
    const first = await check(dir);
    expect(first.stderr).toContain('front-contacts: b.ts: skipped: binary file\n');
    const second = await check(dir);
    expect(second.stderr).toContain('front-contacts: b.ts: skipped: binary file\n');
    expect(second.stdout).toBe(first.stdout);
    writeFiles(dir, { 'b.ts': OWN });
    const third = await check(dir);
    expect(counts(third)).toEqual({ selected: 2, analysed: 1, cached: 1 });
    expect(findings(third)).toEqual(['a.ts:1 team-contacts-endpoint', 'b.ts:1 team-contacts-endpoint']);
  });

  it('keeps results of files outside the paths of this run, and drops those of deleted files', async () => {
    const dir = makeProject({ 'a/x.ts': OWN, 'b/y.ts': OWN });
    await check(dir);
    await check(dir, 'a');
    const cache = () => Object.keys(JSON.parse(readFileSync(path.join(dir, '.front-contacts-cache'), 'utf8')).results).sort();
    expect(cache()).toEqual([path.join('a', 'x.ts'), path.join('b', 'y.ts')]);
    expect(counts(await check(dir)).analysed).toBe(0);
    renameSync(path.join(dir, 'b', 'y.ts'), path.join(dir, 'b', 'z.ts'));
    await check(dir, 'a');
    expect(cache()).toEqual([path.join('a', 'x.ts')]);
  });
});
