/**
 * `front-contacts fix` end to end on the built bin. Apart from the first test, these need
 * the engine's team-contacts-endpoint fix: `'https://api2.frontapp.com/teams/' + teamId +
 * '/contacts'` becomes `'https://api2.frontapp.com/contacts'`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, read, runCli } from './helpers';

const BEFORE = "export function listContacts(teamId: string) {\n  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n}\n";
const AFTER = "export function listContacts(teamId: string) {\n  return fetch('https://api2.frontapp.com/contacts');\n}\n";
const CLEAN = "export const contacts = () => fetch('https://api2.frontapp.com/contacts');\n";

beforeAll(ensureBuilt, 120_000);

describe('fix', () => {
  it('changes nothing in a clean project', async () => {
    const dir = makeProject({ 'a.ts': CLEAN });
    const r = await runCli(dir, ['fix']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '0 fixed, 0 files changed, 0 remaining\n' });
    expect(read(dir, 'a.ts')).toBe(CLEAN);
  });

  it('rewrites the team contacts endpoint, and a second run changes nothing', async () => {
    const dir = makeProject({ 'src/api.ts': BEFORE, 'src/ok.ts': CLEAN });
    const r = await runCli(dir, ['fix']);
    expect(r.stderr).toBe('1 fixed, 1 file changed, 0 remaining\n');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/api.ts')).toBe(AFTER);
    expect(read(dir, 'src/ok.ts')).toBe(CLEAN);
    expect(readdirSync(path.join(dir, 'src')).sort()).toEqual(['api.ts', 'ok.ts']); // no temporary files left
    const again = await runCli(dir, ['fix']);
    expect(again.stderr).toBe('0 fixed, 0 files changed, 0 remaining\n');
    expect(read(dir, 'src/api.ts')).toBe(AFTER);
    expect((await runCli(dir, ['check'])).code).toBe(0);
  });

  it('--dry-run prints a unified diff that git apply accepts, and writes nothing', async () => {
    const dir = makeProject({ 'src/api.ts': BEFORE });
    const r = await runCli(dir, ['fix', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '--- a/src/api.ts',
        '+++ b/src/api.ts',
        '@@ -1,3 +1,3 @@',
        ' export function listContacts(teamId: string) {',
        "-  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');",
        "+  return fetch('https://api2.frontapp.com/contacts');",
        ' }',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('1 fixed, 1 file changed, 0 remaining (dry run: nothing written)\n');
    expect(read(dir, 'src/api.ts')).toBe(BEFORE);
    writeFileSync(path.join(dir, 'fix.diff'), r.stdout);
    execFileSync('git', ['apply', 'fix.diff'], { cwd: dir });
    expect(read(dir, 'src/api.ts')).toBe(AFTER);
  });

  it('keeps a BOM and CRLF line ends', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const dir = makeProject({ 'api.ts': '\ufeff' + crlf(BEFORE) });
    const r = await runCli(dir, ['fix']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'api.ts'), 'utf8')).toBe('\ufeff' + crlf(AFTER));
  });

  it('keeps the file mode, and writes through a symbolic link without replacing it', async () => {
    const dir = makeProject({ 'real/api.ts': BEFORE, 'tool.js': "#!/usr/bin/env node\nfetch('https://api2.frontapp.com/teams/' + process.argv[2] + '/contacts');\n" });
    chmodSync(path.join(dir, 'real', 'api.ts'), 0o640);
    chmodSync(path.join(dir, 'tool.js'), 0o755);
    symlinkSync(path.join('real', 'api.ts'), path.join(dir, 'link.ts'));
    const r = await runCli(dir, ['fix', 'link.ts', 'tool.js']);
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.ts')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real/api.ts')).toBe(AFTER);
    expect(statSync(path.join(dir, 'real', 'api.ts')).mode & 0o777).toBe(0o640);
    expect(statSync(path.join(dir, 'tool.js')).mode & 0o777).toBe(0o755);
    expect(read(dir, 'tool.js')).toBe("#!/usr/bin/env node\nfetch('https://api2.frontapp.com/contacts');\n");
  });

  it('reports file problems, fixes the other files, and exits 1', async () => {
    const dir = makeProject({ 'api.ts': BEFORE, 'blob.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]) });
    const r = await runCli(dir, ['fix']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('front-contacts: blob.js: skipped: binary file\n');
    expect(r.stderr).toContain('1 fixed, 1 file changed, 0 remaining\n');
    expect(read(dir, 'api.ts')).toBe(AFTER);
  });

  it('does not fix a rule turned off', async () => {
    const dir = makeProject({ 'api.ts': BEFORE });
    const r = await runCli(dir, ['fix', '--rule', 'team-contacts-endpoint=off']);
    expect(r.stderr).toBe('0 fixed, 0 files changed, 0 remaining\n');
    expect(read(dir, 'api.ts')).toBe(BEFORE);
  });

  it('lists what it cannot fix safely, and --suggestions applies suggestions too', async () => {
    const source = "export const note = (id: string) =>\n  fetch(`https://api2.frontapp.com/contacts/${id}/notes`, { redirect: 'manual' });\n";
    const dir = makeProject({ 'notes.ts': source });
    const r = await runCli(dir, ['fix']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^notes\.ts:2:\d+ error .* contact-redirect-disabled$/m);
    expect(r.stderr).toMatch(/^0 fixed, 0 files changed, 1 remaining\n$/m);
    expect(read(dir, 'notes.ts')).toBe(source);
    const s = await runCli(dir, ['fix', '--suggestions']);
    expect(s.stderr).toMatch(/^1 fixed, 1 file changed, \d+ remaining\n$/m);
    expect(read(dir, 'notes.ts')).not.toBe(source);
    const after = await runCli(dir, ['check', '--format', 'json']);
    const ids = (JSON.parse(after.stdout) as { findings: { ruleId: string }[] }[]).flatMap((f) => f.findings.map((x) => x.ruleId));
    expect(ids).not.toContain('contact-redirect-disabled');
  });
});

describe('fix --format json', () => {
  const NO_FOLLOW =
    "import axios from 'axios';\nconst c = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });\nexport const get = (id: string) => c.get(`/contacts/${id}`);\n";

  it('gives a machine-readable list of changed, skipped and unfixable files on stdout; people still get stderr', async () => {
    const dir = makeProject({ 'src/api.ts': BEFORE, 'src/client.ts': NO_FOLLOW, 'src/ro.ts': BEFORE, 'src/logo.js': Buffer.from([0x89, 0x50, 0, 0]), 'src/ok.ts': CLEAN });
    chmodSync(path.join(dir, 'src', 'ro.ts'), 0o444);
    const r = await runCli(dir, ['fix', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      dryRun: boolean;
      fixed: number;
      filesChanged: number;
      remaining: number;
      changed: { filePath: string; fixed: number }[];
      skipped: { filePath: string; reason: string }[];
      unfixable: { filePath: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
      problems: unknown[];
    };
    const rel = (p: string) => path.relative(dir, p);
    expect({ ...report, changed: [], skipped: [], unfixable: [] }).toEqual({ dryRun: false, fixed: 1, filesChanged: 1, remaining: 2, changed: [], skipped: [], unfixable: [], problems: [] });
    expect(report.changed.map((c) => [rel(c.filePath), c.fixed])).toEqual([['src/api.ts', 1]]);
    expect(report.skipped.map((s) => [rel(s.filePath), s.reason])).toEqual([
      ['src/logo.js', 'skipped: binary file'],
      ['src/ro.ts', 'skipped: read-only file (no write permission); left as it is'],
    ]);
    expect(report.unfixable.map((u) => [rel(u.filePath), u.findings.map((f) => `${f.range.start.line} ${f.ruleId}`)])).toEqual([
      ['src/client.ts', ['3 contact-redirect-disabled']],
      ['src/ro.ts', ['2 team-contacts-endpoint']],
    ]);
    expect(r.stderr).toContain('1 fixed, 1 file changed, 2 remaining\n');
    expect(read(dir, 'src/api.ts')).toBe(AFTER);

    // --dry-run: the same lists, the diff of each changed file in it, nothing written
    const dry = makeProject({ 'src/api.ts': BEFORE });
    const d = await runCli(dry, ['fix', '--format', 'json', '--dry-run']);
    const dr = JSON.parse(d.stdout) as { dryRun: boolean; changed: { fixed: number; diff: string }[] };
    expect(dr.dryRun).toBe(true);
    expect(dr.changed[0].fixed).toBe(1);
    expect(dr.changed[0].diff).toContain("+  return fetch('https://api2.frontapp.com/contacts');");
    expect(read(dry, 'src/api.ts')).toBe(BEFORE);
    expect((await runCli(dry, ['fix', '--format', 'sarif'])).code).toBe(2);
  });

  it('the findings left in a file that was not written are listed in line order', async () => {
    const dir = makeProject({ 'ro.ts': `${NO_FOLLOW}${BEFORE}` });
    chmodSync(path.join(dir, 'ro.ts'), 0o444);
    const r = await runCli(dir, ['fix']);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('ro.ts:')).map((l) => l.split(' ')[0]);
    expect(lines).toEqual(['ro.ts:3:36', 'ro.ts:5:16']);
  });
});
