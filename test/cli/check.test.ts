/**
 * `front-contacts check` end to end: the built bin on temp projects. Tests that need a
 * finding use the deprecated team contacts endpoint, which the engine reports as one
 * team-contacts-endpoint error with a safe fix.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_OPTIONS } from '../../src/cli/check';
import { FIX_OPTIONS } from '../../src/cli/fix';
import { ensureBuilt, git, makeProject, runCli, writeFiles } from './helpers';

const TEAM_CONTACTS = "fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";
const CLEAN = "export const contacts = () => fetch('https://api2.frontapp.com/contacts');\n";

beforeAll(ensureBuilt, 120_000);

describe('check: exit codes and file problems', () => {
  it('exits 0 and says so when nothing is found', async () => {
    const dir = makeProject({ 'src/a.ts': CLEAN, 'src/b.js': 'module.exports = 1;\n' });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No problems found in 2 files.\n');
    expect(r.stderr).toBe('');
  });

  it('reports unreadable and binary files by name and reason, checks the rest (non-UTF-8 ones too), and exits 1', async () => {
    const dir = makeProject({
      'src/ok.ts': CLEAN,
      'src/logo.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]),
      'src/latin1.ts': Buffer.from('const name = "Ren\xe9";\n', 'latin1'),
    });
    symlinkSync('deleted.ts', path.join(dir, 'src', 'dangling.ts'));
    const r = await runCli(dir, ['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { filePath: string; findings: unknown[]; problems: { message: string }[] }[];
    expect(report.map((f) => [path.relative(dir, f.filePath), f.problems.map((p) => p.message)])).toEqual([
      ['src/dangling.ts', ['cannot read: broken symbolic link']],
      ['src/logo.js', ['skipped: binary file']],
    ]);
    // json keeps stdout machine-readable; a person still sees the problems on stderr
    expect(r.stderr).toContain('front-contacts: src/logo.js: skipped: binary file');
  });

  it('prints file problems in the text report', async () => {
    const dir = makeProject({ 'a.ts': CLEAN, 'b.ts': Buffer.from([0, 1, 2]) });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('b.ts problem skipped: binary file');
    expect(r.stdout).toContain('1 file problem in 2 files checked');
  });

  it('skips .git, node_modules and git-ignored files', async () => {
    const dir = makeProject({
      'src/a.ts': CLEAN,
      'node_modules/pkg/index.ts': Buffer.from([0]),
      'build/out.js': Buffer.from([0]),
      '.gitignore': 'build/\n',
    });
    git(dir, 'init', '-q', '.');
    writeFiles(dir, { '.git/hooks/x.js': Buffer.from([0]) });
    const r = await runCli(dir, ['check']);
    expect(r.stdout).toBe('No problems found in 1 file.\n');
    expect(r.code).toBe(0);
  });

  it('does not hang on a symlink loop', async () => {
    const dir = makeProject({ 'src/a.ts': CLEAN });
    symlinkSync('..', path.join(dir, 'src', 'parent'));
    const r = await runCli(dir, ['check', 'src']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No problems found in 1 file.\n');
  });

  it('checks only the named paths', async () => {
    const dir = makeProject({ 'a/x.ts': CLEAN, 'b/y.ts': Buffer.from([0]) });
    expect((await runCli(dir, ['check', 'a'])).code).toBe(0);
    expect((await runCli(dir, ['check', 'a', 'b/y.ts'])).code).toBe(1);
  });
});

describe('check: usage and config errors exit 2', () => {
  it.each([
    [['check', '--format', 'yaml'], /--format must be one of text, json, sarif, github(, \w+)*, got "yaml"/],
    [['check', '--bogus'], 'unknown option --bogus'],
    [['check', '--max-warnings', 'many'], '--max-warnings expects a number >= 0, got "many"'],
    [['check', '--rule', 'team-contacts-endpoint=fatal'], '--rule team-contacts-endpoint: severity must be off, warning or error, got "fatal"'],
    [['check', '--rule', 'no-such-rule=off'], '--rule: unknown rule "no-such-rule"'],
    [['check', 'does-not-exist'], 'no such file or directory: does-not-exist'],
    [['check', '--output'], 'option --output needs a value (FILE)'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ] as [string[], string | RegExp][])('%j', async (args, message) => {
    const dir = makeProject({ 'a.ts': CLEAN });
    const r = await runCli(dir, args);
    expect(r.code).toBe(2);
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('names the config file and every problem in it', async () => {
    const dir = makeProject({ 'a.ts': CLEAN, 'front-contacts.config.json': '{"rules": {"team-contacts-endpoint": "warn"}, "ignores": []}' });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `front-contacts: invalid config ${path.join(dir, 'front-contacts.config.json')}:\n` +
        '  - unknown key "ignores" (expected one of: rules, frontBaseUrls, passThroughProxies, ignore)\n' +
        '  - "rules.team-contacts-endpoint" must be "off", "warning" or "error", found "warn"\n',
    );
  });

  it('gives the line and column of a JSON syntax error, also in package.json', async () => {
    const dir = makeProject({ 'a.ts': CLEAN, 'package.json': '{\n  "name": "app",\n  "frontContacts": { "rules": { } ,, }\n}\n' });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'package.json')}:3:36:`);
    expect(r.stderr).toContain('not valid JSON');
  });

  it('reports a --config file that does not exist', async () => {
    const dir = makeProject({ 'a.ts': CLEAN });
    const r = await runCli(dir, ['check', '--config', 'missing.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid config ${path.join(dir, 'missing.json')}:\n  - file not found`);
  });

  it('applies the config ignore globs', async () => {
    const dir = makeProject({ 'src/a.ts': CLEAN, 'src/vendor/blob.js': Buffer.from([0]), 'front-contacts.config.json': '{"ignore": ["src/vendor/**"]}' });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(0);
  });
});

describe('check --help', () => {
  it.each([
    ['check', CHECK_OPTIONS],
    ['fix', FIX_OPTIONS],
  ] as const)('%s --help lists every option', async (command, options) => {
    const r = await runCli(makeProject(), [command, '--help']);
    expect(r.code).toBe(0);
    for (const o of options) expect(r.stdout).toContain(`--${o.name}${o.value ? ` ${o.value}` : ''}`);
    expect(r.stdout).toContain(`Usage: front-contacts ${command} [options] [paths…]`);
  });

  it('check --help names the options of the design page', async () => {
    const r = await runCli(makeProject(), ['check', '--help']);
    for (const o of ['--format text|json|sarif|github', '--output FILE', '--rule ID=off|warning|error', '--max-warnings N', '--config FILE', '--quiet', '--report-unused-ignores'])
      expect(r.stdout).toContain(o);
  });

  it('front-contacts --help lists the commands', async () => {
    const r = await runCli(makeProject(), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check \[paths…\][\s\S]*fix \[paths…\][\s\S]*legacy-ids/);
  });

  it('front-contacts --help names every check format (rdjson too) and the short options it accepts', async () => {
    const r = await runCli(makeProject(), ['--help']);
    const checkLine = r.stdout.split('\n').find((l) => l.trimStart().startsWith('check '))!;
    for (const f of ['text', 'json', 'sarif', 'github', 'rdjson']) expect(checkLine).toContain(f);
    expect(r.stdout).toContain('-h, --help');
    expect(r.stdout).toContain('-v, --version');
    expect((await runCli(makeProject(), ['-h'])).stdout).toBe(r.stdout);
  });
});

// ---------------------------------------------------------------------------------------
// These need the engine to report the team contacts endpoint.

describe('check: findings', () => {
  it('reports the team contacts endpoint as an error with a code frame, and exits 1', async () => {
    const dir = makeProject({ 'src/api.ts': `const teamId = process.env.TEAM;\n${TEAM_CONTACTS}` });
    const r = await runCli(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^src\/api\.ts:2:\d+ error .+ team-contacts-endpoint$/m);
    expect(r.stdout).toContain("> 2 | fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');");
    expect(r.stdout).toMatch(/^ {4}\| +\^+$/m);
    expect(r.stdout).toContain('1 finding (1 error, 0 warnings) in 1 file checked');
    expect(r.stdout).toContain('1 fixable with `front-contacts fix`');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('colours only for a terminal, and never with NO_COLOR', async () => {
    const dir = makeProject({ 'api.ts': TEAM_CONTACTS });
    expect((await runCli(dir, ['check'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[31merror\u001b[39m');
    expect((await runCli(dir, ['check'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
    // a real terminal, through script(1)
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve(__dirname, '../../bin/front-contacts.js'))} check`;
    const viaTty = (env: NodeJS.ProcessEnv) => execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env: { ...env, FORCE_COLOR: '' }, encoding: 'utf8' }).toString();
    const tryTty = (env: NodeJS.ProcessEnv) => {
      try {
        return viaTty(env);
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? '');
      }
    };
    expect(tryTty({ ...process.env, NO_COLOR: '' })).toContain('\u001b[31merror');
    expect(tryTty({ ...process.env, NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  it('--rule and the config change severities; warnings pass unless --max-warnings', async () => {
    const dir = makeProject({ 'api.ts': TEAM_CONTACTS });
    const asWarning = await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=warning']);
    expect(asWarning.code).toBe(0);
    expect(asWarning.stdout).toMatch(/^api\.ts:1:\d+ warning /m);
    const limited = await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=warning', '--max-warnings', '0']);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toContain('too many warnings (1, maximum 0)');
    expect((await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=warning', '--max-warnings', '1'])).code).toBe(0);
    const off = await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=off']);
    expect([off.code, off.stdout]).toEqual([0, 'No problems found in 1 file.\n']);

    writeFiles(dir, { 'front-contacts.config.json': '{"rules": {"team-contacts-endpoint": "off"}}' });
    expect((await runCli(dir, ['check'])).code).toBe(0);
    // the command line wins over the config
    expect((await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=error'])).code).toBe(1);
  });

  it('frontBaseUrls from the config makes a proxy count as Front; package.json "frontContacts" works too', async () => {
    const proxied = "export const l = (id: string) => fetch('https://front-proxy.internal/teams/' + id + '/contacts');\n";
    const dir = makeProject({ 'a.ts': proxied });
    expect((await runCli(dir, ['check'])).code).toBe(0);
    writeFiles(dir, { 'front-contacts.config.json': '{"frontBaseUrls": ["https://front-proxy.internal"]}' });
    const r = await runCli(dir, ['check', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('title=team-contacts-endpoint::');
    const pkgDir = makeProject({ 'a.ts': proxied, 'package.json': JSON.stringify({ name: 'app', frontContacts: { frontBaseUrls: ['front-proxy.internal'], rules: { 'team-contacts-endpoint': 'warning' } } }) });
    const w = await runCli(pkgDir, ['check', '--format', 'github']);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^::warning file=a\.ts,/);
  });

  it('--quiet shows errors only', async () => {
    const dir = makeProject({ 'api.ts': TEAM_CONTACTS });
    const r = await runCli(dir, ['check', '--quiet', '--rule', 'team-contacts-endpoint=warning']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No problems found in 1 file.\n');
    const e = await runCli(dir, ['check', '--quiet']);
    expect(e.stdout).toContain('team-contacts-endpoint');
  });

  it('json: one object per file with findings carrying ranges, fix and docs URL', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM_CONTACTS, 'src/ok.ts': CLEAN });
    const r = await runCli(dir, ['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toHaveLength(1);
    expect(report[0].filePath).toBe(path.join(dir, 'src', 'api.ts'));
    expect(report[0].problems).toEqual([]);
    expect(report[0].findings).toHaveLength(1);
    const f = report[0].findings[0];
    expect(f).toMatchObject({ ruleId: 'team-contacts-endpoint', severity: 'error', file: path.join(dir, 'src', 'api.ts'), range: { start: { line: 1 }, end: { line: 1 } } });
    expect(f.docsUrl).toMatch(/#team-contacts-endpoint$/);
    expect(f.fix.edits.length).toBeGreaterThan(0);
  });

  it('github: ::error lines with the full range and the rule as title', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM_CONTACTS });
    const r = await runCli(dir, ['check', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=src\/api\.ts,line=1,col=\d+,endLine=1,endColumn=\d+,title=team-contacts-endpoint::[^\n]+\n$/);
    const warn = await runCli(dir, ['check', '--format', 'github', '--rule', 'team-contacts-endpoint=warning']);
    expect(warn.stdout).toMatch(/^::warning file=src\/api\.ts,/);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = makeProject({ 'api.ts': TEAM_CONTACTS });
    mkdirSync(path.join(dir, 'reports'));
    const r = await runCli(dir, ['check', '--format', 'json', '--output', 'reports/fc.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'fc.json'), 'utf8'))[0].findings[0].ruleId).toBe('team-contacts-endpoint');
  });

  it('finds the endpoint when the team path is a constant in an imported file', async () => {
    const dir = makeProject({
      'src/routes.ts': "export const TEAM_CONTACTS = (teamId: string) => `/teams/${teamId}/contacts`;\n",
      'src/client.ts': "import { TEAM_CONTACTS } from './routes.js';\nexport const list = (id: string) => fetch('https://api2.frontapp.com' + TEAM_CONTACTS(id));\n",
    });
    const r = await runCli(dir, ['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] }[];
    expect(report.flatMap((f) => f.findings.map((x) => x.ruleId))).toContain('team-contacts-endpoint');
  });

  it('honours ignore comments, and --report-unused-ignores reports the unused ones', async () => {
    const dir = makeProject({
      'a.ts': `// front-contacts-ignore-next-line team-contacts-endpoint\n${TEAM_CONTACTS}`,
      'b.ts': '// front-contacts-ignore-next-line\nconst nothingHere = 1;\n',
    });
    const r = await runCli(dir, ['check']);
    expect([r.code, r.stdout]).toEqual([0, 'No problems found in 2 files.\n']);
    const u = await runCli(dir, ['check', '--report-unused-ignores']);
    expect(u.code).toBe(1);
    expect(u.stdout).toMatch(/^b\.ts:1:1 problem unused front-contacts-ignore-next-line/m);
    expect(u.stdout).not.toMatch(/^a\.ts/m);
  });

  it('reports a syntax error with its position, still reports what parsed, and exits 1', async () => {
    const dir = makeProject({ 'broken.ts': `${TEAM_CONTACTS}const = ;\n` });
    const r = await runCli(dir, ['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; problems: { message: string; range?: { start: { line: number } } }[] }[];
    expect(file.problems[0].message).toMatch(/^syntax error/);
    expect(file.problems[0].range?.start.line).toBe(2);
    expect(file.findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
  });

  it('does not load the engine (TypeScript) when no file can match', async () => {
    const dir = makeProject({ 'a.ts': 'export const sum = (a: number, b: number) => a + b;\n', 'b.js': 'console.log(1);\n' });
    const probe = path.join(dir, 'probe.cjs');
    writeFiles(dir, { 'probe.cjs': "process.on('exit', () => { if (Object.keys(require.cache).some((k) => (k.includes('/node_modules/typescript/') || k.includes('/@ts-morph/common/') || k.endsWith('/dist/typescript.js')))) process.stderr.write('TYPESCRIPT LOADED\\n'); });\n" });
    const r = await runCli(dir, ['check', 'a.ts', 'b.js'], { NODE_OPTIONS: `--require ${probe}` });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('TYPESCRIPT LOADED');
    // and the probe does notice when it is loaded
    const hit = await runCli(makeProject({ 'api.ts': TEAM_CONTACTS }), ['check'], { NODE_OPTIONS: `--require ${probe}` });
    expect(hit.stderr).toContain('TYPESCRIPT LOADED');
  });
});

describe('check: small things a new user runs into', () => {
  it('--output into a folder that does not exist creates it', async () => {
    const dir = makeProject({ 'a.ts': TEAM_CONTACTS });
    const r = await runCli(dir, ['check', '--format', 'sarif', '--output', 'reports/ci/results.sarif']);
    expect([r.code, r.stderr, r.stdout]).toEqual([1, '', '']);
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'ci', 'results.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('no matched files ("0 files", or only .vue) is a warning on stderr, not a silent pass', async () => {
    const ext = '.js .cjs .mjs .jsx .ts .cts .mts .tsx';
    const empty = await runCli(makeProject({ 'README.md': '# app\n' }), ['check']);
    expect(empty).toEqual({ code: 0, stdout: 'No problems found in 0 files.\n', stderr: `front-contacts: warning: no ${ext} files found in .; nothing was checked\n` });
    const vue = makeProject({ 'src/App.vue': "<script>fetch('https://api2.frontapp.com/teams/' + t + '/contacts')</script>\n" });
    const r = await runCli(vue, ['check', 'src']);
    expect(r.stderr).toBe(`front-contacts: warning: no ${ext} files found in src; nothing was checked\n`);
    const fix = await runCli(vue, ['fix']);
    expect(fix.stderr).toBe(`front-contacts: warning: no ${ext} files found in .; nothing was checked\n0 fixed, 0 files changed, 0 remaining\n`);
    // one file is enough to stay quiet
    expect((await runCli(makeProject({ 'a.ts': CLEAN }), ['check'])).stderr).toBe('');
  });

  it('--quiet --max-warnings 0: the exit 1 explains that --quiet hid the warnings', async () => {
    const dir = makeProject({ 'a.ts': TEAM_CONTACTS });
    const r = await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=warning', '--quiet', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('No problems found in 1 file.\n');
    expect(r.stderr).toBe('front-contacts: too many warnings (1, maximum 0); --quiet hides warnings, but they count for --max-warnings: run without --quiet to see them\n');
    const loud = await runCli(dir, ['check', '--rule', 'team-contacts-endpoint=warning', '--max-warnings', '0']);
    expect(loud.stderr).toBe('front-contacts: too many warnings (1, maximum 0)\n');
  });

  it('--max-warnings -1 is rejected, as the message says (a number >= 0)', async () => {
    const r = await runCli(makeProject({ 'a.ts': CLEAN }), ['check', '--max-warnings', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-warnings expects a number >= 0, got "-1"');
    expect(r.stdout).toBe('');
  });

  it('--debug says "1 worker thread" (singular)', async () => {
    const dir = makeProject({ 'a.ts': TEAM_CONTACTS.replace('teamId', "'t'") });
    const r = await runCli(dir, ['check', '--workers', '1', '--debug']);
    expect(r.stderr).toMatch(/, 1 worker thread, \d+ ms \(listing \d+, reading \d+, selecting \d+\)\n/);
    const f = await runCli(dir, ['fix', '--workers', '1', '--debug', '--dry-run']);
    expect(f.stderr).toMatch(/, 1 worker thread, 0 recomputed/);
  });

  it('problems (syntax errors) and findings of a file are printed in line order', async () => {
    const dir = makeProject({ 'a.ts': `${TEAM_CONTACTS}const = ;\n${TEAM_CONTACTS}` });
    const r = await runCli(dir, ['check']);
    const heads = r.stdout.split('\n').filter((l) => /^a\.ts:\d+/.test(l)).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(heads).toEqual(['a.ts:1:7 error', 'a.ts:2:7 problem', 'a.ts:3:7 error']);
  });
});
