/**
 * Suppressions and configuration through the built CLI: inline `front-contacts-ignore-next-line`
 * comments, `--report-unused-ignores`, `front-contacts.config.json` and the package.json
 * "frontContacts" key (rules, frontBaseUrls, ignore), and `--rule` over the config — for `check`
 * and `fix` alike.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, read, runCli } from './helpers';

const TEAM = "export const list = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";
const PROXIED = "export const list = (teamId: string) => fetch('https://front-proxy.acme.internal/teams/' + teamId + '/contacts');\n";
const CHAT = "export function boot(user: { id: string }) {\n  window.FrontChat('init', { chatId: 'abc', userId: user.id });\n}\n";

beforeAll(ensureBuilt, 180_000);

interface JsonFile {
  filePath: string;
  findings: { ruleId: string; severity: string; range: { start: { line: number } } }[];
  problems: { message: string; range?: { start: { line: number; column: number } } }[];
}

async function checkJson(dir: string, args: string[] = []) {
  const r = await runCli(dir, ['check', '--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) as JsonFile[] };
}

const summary = (files: JsonFile[]) =>
  files.flatMap((f) => f.findings.map((x) => `${path.basename(f.filePath)}:${x.range.start.line} ${x.severity} ${x.ruleId}`));

describe('inline suppressions', () => {
  it('a bare directive silences the next line for check and fix', async () => {
    const text = `// front-contacts-ignore-next-line\n${TEAM}`;
    const dir = makeProject({ 'src/api.ts': text });
    const check = await runCli(dir, ['check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe('No problems found in 1 file.\n');
    const fix = await runCli(dir, ['fix']);
    expect(fix.stderr).toBe('0 fixed, 0 files changed, 0 remaining\n');
    expect(read(dir, 'src/api.ts')).toBe(text);
  });

  it('a directive naming a rule silences that rule only', async () => {
    const dir = makeProject({
      'src/api.ts': `// front-contacts-ignore-next-line team-contacts-endpoint\n${TEAM}`,
      'src/other.ts': `// front-contacts-ignore-next-line chat-identify-phone\n${TEAM}`,
    });
    const r = await checkJson(dir);
    expect(r.code).toBe(1);
    expect(summary(r.report)).toEqual(['other.ts:2 error team-contacts-endpoint']);
    await runCli(dir, ['fix']);
    expect(read(dir, 'src/api.ts')).toContain('/teams/');
    expect(read(dir, 'src/other.ts')).not.toContain('/teams/');
  });

  it('--report-unused-ignores reports directives that silence nothing as file problems (exit 1)', async () => {
    const dir = makeProject({
      'src/used.ts': `// front-contacts-ignore-next-line\n${TEAM}`,
      'src/stale.ts': `export const a = 1;\n  // front-contacts-ignore-next-line team-contacts-endpoint\nexport const b = 2;\n`,
    });
    const quiet = await runCli(dir, ['check']);
    expect(quiet.code).toBe(0);

    const text = await runCli(dir, ['check', '--report-unused-ignores']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('src/stale.ts:2:3 problem unused front-contacts-ignore-next-line directive');
    expect(text.stdout).not.toContain('used.ts:1');

    const json = await checkJson(dir, ['--report-unused-ignores']);
    expect(json.report.map((f) => [path.basename(f.filePath), f.problems.map((p) => `${p.range?.start.line}:${p.range?.start.column} ${p.message}`)])).toEqual([
      ['stale.ts', ['2:3 unused front-contacts-ignore-next-line directive (nothing to suppress on the next line)']],
    ]);
    const github = await runCli(dir, ['check', '--report-unused-ignores', '--format', 'github']);
    expect(github.stdout).toMatch(/^::error file=src\/stale\.ts,line=2,col=3,title=front-contacts%3A file problem::unused front-contacts-ignore-next-line/m);
  });

  it('a front-contacts-ignore-file directive silences its rules in the whole file, for check and fix; unused ones are reported on request', async () => {
    const ignored = `/* front-contacts-ignore-file team-contacts-endpoint */\n${TEAM}${TEAM.replace('list', 'again')}${CHAT}`;
    const dir = makeProject({ 'src/api.ts': ignored, 'src/stale.ts': `/* front-contacts-ignore-file chat-identify-phone */\n${TEAM}` });
    const r = await checkJson(dir);
    expect(summary(r.report)).toEqual(['api.ts:5 warning chat-identify-without-email', 'stale.ts:2 error team-contacts-endpoint']);
    await runCli(dir, ['fix']);
    expect(read(dir, 'src/api.ts')).toBe(ignored);
    const text = await runCli(dir, ['check', '--report-unused-ignores']);
    expect(text.stdout).toContain('src/stale.ts:1:1 problem unused front-contacts-ignore-file directive (nothing to suppress in this file)');
    expect(text.stdout).not.toContain('src/api.ts:1:1 problem');
  });

  it('an unknown rule id in a directive is reported and suppresses nothing', async () => {
    const dir = makeProject({ 'src/api.ts': `// front-contacts-ignore-next-line team-contact-endpoint\n${TEAM}` });
    const r = await checkJson(dir);
    expect(r.code).toBe(1);
    expect(summary(r.report)).toEqual(['api.ts:2 error team-contacts-endpoint']);
    expect(r.report[0].problems.map((p) => p.message)).toEqual([expect.stringContaining('unknown rule id in front-contacts-ignore-next-line: team-contact-endpoint')]);
  });
});

describe('configuration', () => {
  it('front-contacts.config.json "rules" changes severities: warnings pass, off disappears', async () => {
    const dir = makeProject({
      'src/api.ts': TEAM,
      'src/chat.ts': CHAT,
      'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "warning", "chat-identify-without-email": "error" } }',
    });
    const r = await checkJson(dir);
    expect(summary(r.report)).toEqual(['api.ts:1 warning team-contacts-endpoint', 'chat.ts:2 error chat-identify-without-email']);
    expect(r.code).toBe(1);
    const off = makeProject({ 'src/api.ts': TEAM, 'src/chat.ts': CHAT, 'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "off", "chat-identify-without-email": "off" } }' });
    const none = await runCli(off, ['check']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No problems found in 2 files.\n');
  });

  it('fix does not touch a rule the config turns off, and still fixes one lowered to warning', async () => {
    const off = makeProject({ 'src/api.ts': TEAM, 'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "off" } }' });
    await runCli(off, ['fix']);
    expect(read(off, 'src/api.ts')).toBe(TEAM);
    const warn = makeProject({ 'src/api.ts': TEAM, 'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "warning" } }' });
    const r = await runCli(warn, ['fix']);
    expect(r.code).toBe(0);
    expect(read(warn, 'src/api.ts')).not.toContain('/teams/');
  });

  it('--rule overrides the config, for check and fix', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM, 'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "off" } }' });
    const r = await checkJson(dir, ['--rule', 'team-contacts-endpoint=error']);
    expect(summary(r.report)).toEqual(['api.ts:1 error team-contacts-endpoint']);
    await runCli(dir, ['fix', '--rule', 'team-contacts-endpoint=warning']);
    expect(read(dir, 'src/api.ts')).not.toContain('/teams/');
  });

  it('the "frontContacts" key of package.json works like the config file, found upward from a subfolder', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'app', private: true, frontContacts: { rules: { 'team-contacts-endpoint': 'warning' }, ignore: ['src/generated/**'] } }, null, 2),
      'src/api.ts': TEAM,
      'src/generated/client.ts': TEAM,
    });
    const r = await checkJson(path.join(dir, 'src'));
    expect(summary(r.report)).toEqual(['api.ts:1 warning team-contacts-endpoint']);
    expect(r.code).toBe(0);
  });

  it('"frontBaseUrls" makes a proxy host count as Front', async () => {
    const dir = makeProject({ 'src/api.ts': PROXIED });
    expect((await runCli(dir, ['check'])).code).toBe(0);
    const withConfig = makeProject({ 'src/api.ts': PROXIED, 'front-contacts.config.json': '{ "frontBaseUrls": ["https://front-proxy.acme.internal"] }' });
    const r = await checkJson(withConfig);
    expect(summary(r.report)).toEqual(['api.ts:1 error team-contacts-endpoint']);
    await runCli(withConfig, ['fix']);
    expect(read(withConfig, 'src/api.ts')).not.toContain('/teams/');
    expect(read(withConfig, 'src/api.ts')).toContain('https://front-proxy.acme.internal');
  });

  it('"ignore" globs keep files out of check and fix', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM, 'vendor/front/api.ts': TEAM, 'front-contacts.config.json': '{ "ignore": ["vendor/"] }' });
    const r = await checkJson(dir);
    expect(summary(r.report)).toEqual(['api.ts:1 error team-contacts-endpoint']);
    expect(r.report.map((f) => path.relative(dir, f.filePath))).toEqual([path.join('src', 'api.ts')]);
    await runCli(dir, ['fix']);
    expect(read(dir, 'vendor/front/api.ts')).toBe(TEAM);
    expect(read(dir, 'src/api.ts')).not.toContain('/teams/');
  });

  it('--config names the file to use instead of the nearest one', async () => {
    const dir = makeProject({
      'src/api.ts': TEAM,
      'front-contacts.config.json': '{ "rules": { "team-contacts-endpoint": "off" } }',
      'ci/strict.json': '{ "rules": { "team-contacts-endpoint": "error" } }',
    });
    expect((await runCli(dir, ['check'])).code).toBe(0);
    const r = await checkJson(dir, ['--config', 'ci/strict.json']);
    expect(r.code).toBe(1);
    expect(summary(r.report)).toEqual(['api.ts:1 error team-contacts-endpoint']);
  });
});
