/**
 * The jscodeshift transforms in codemods/ against the engine's own fixture corpus: they must change
 * files exactly as `front-contacts fix` does (the `.output.` files), report what they cannot fix with
 * rule id and line, and honour the same options and config. The last block runs the real jscodeshift
 * CLI on a copy of examples/legacy-app and compares with the real `front-contacts fix`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, fixText, type RuleId } from '../src/core';
import { NEAR_MISS, listFixtureCases, syntaxErrors, type FixtureCase } from './support/fixtures';
import { ensureBuilt, makeProject, runCli } from './cli/helpers';

const ROOT = path.resolve(__dirname, '..');
const nodeRequire = createRequire(__filename);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyTransform } = nodeRequire('jscodeshift/dist/testUtils') as {
  applyTransform: (module: unknown, options: Record<string, unknown>, input: { path: string; source: string }, testOptions?: Record<string, unknown>) => string;
};

type Transform = ((file: { path: string; source: string }, api: Record<string, unknown>, options: Record<string, unknown>) => string | undefined | null) & {
  parser?: string;
};
const transform = (name: string): Transform => nodeRequire(path.join(ROOT, 'codemods', `${name}.js`)) as Transform;

const REDIRECT_RULES: RuleId[] = ['contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped'];

/** Runs a transform the way jscodeshift's worker does, collecting what it reports. */
function runTransform(name: string, file: { path: string; source: string }, options: Record<string, unknown> = {}) {
  const reports: string[] = [];
  const jscodeshift = nodeRequire('jscodeshift');
  const out = transform(name)(file, { jscodeshift, j: jscodeshift, stats: () => {}, report: (m: string) => reports.push(m) }, options);
  return { out, reports };
}

/** `line rule-id` of each finding report (`12:5 error rule-id: message`). */
function reportedFindings(reports: string[]): string[] {
  return reports
    .map((r) => /^(\d+):\d+ (?:error|warning) ([a-z-]+): ./.exec(r))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
}

const all = listFixtureCases();
const singleFile = all.filter((c) => !c.multiFile);
const read = (p: string) => readFileSync(p, 'utf8');

beforeAll(ensureBuilt, 180_000);

describe('codemods on the fixture corpus (the same pairs the engine tests use)', () => {
  it('covers every rule directory and the near misses', () => {
    const rules = new Set(singleFile.map((c) => c.rule));
    for (const r of ['team-contacts-endpoint', 'contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped', 'chat-identify-without-email', 'chat-identify-phone', 'front-chat-handle-readonly', NEAR_MISS])
      expect(rules.has(r as FixtureCase['rule']), r).toBe(true);
    expect(singleFile.filter((c) => c.outputPath).length).toBeGreaterThanOrEqual(20);
  });

  describe.each(['team-contacts-to-contacts', 'all'])('%s.js: output equals the .output file (or the input)', (name) => {
    it.each(singleFile.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s', (_, c) => {
      const out = applyTransform(transform(name), {}, { path: c.inputPath, source: c.inputText });
      // applyTransform trims
      expect(out).toBe(c.expectedOutput.trim());
    });
  });

  it.each(singleFile.filter((c) => c.outputPath).map((c) => [`${c.rule}/${c.name}`, c] as const))(
    'team-contacts-to-contacts.js is idempotent and keeps the file parseable: %s',
    (_, c) => {
      const once = runTransform('team-contacts-to-contacts', { path: c.inputPath, source: c.inputText }).out!;
      expect(syntaxErrors(c.inputPath, once)).toEqual([]);
      const twice = runTransform('team-contacts-to-contacts', { path: c.inputPath, source: once });
      // unchanged text comes back as the source itself: jscodeshift counts the file "unmodified"
      expect(twice.out).toBe(once);
      expect(twice.reports).toEqual([]);
    },
  );

  it.each(singleFile.map((c) => [`${c.rule}/${c.name}`, c] as const))('all.js reports exactly the findings fix leaves: %s', (_, c) => {
    const { reports } = runTransform('all', { path: c.inputPath, source: c.inputText });
    // What is left is what the engine finds in the committed .output file (lines of the fixed text).
    const left = analyze(c.inputPath, c.expectedOutput).findings.map((f) => `${f.range.start.line} ${f.ruleId}`).sort();
    expect(reportedFindings(reports)).toEqual(left);
    // Near misses and clean files are not mentioned at all.
    if (c.rule === NEAR_MISS) expect(reports).toEqual([]);
  });

  it.each(singleFile.map((c) => [`${c.rule}/${c.name}`, c] as const))(
    'contact-redirects.js reports every redirect marker with its line and changes nothing: %s',
    (_, c) => {
      const { out, reports } = runTransform('contact-redirects', { path: c.inputPath, source: c.inputText });
      expect(out).toBe(c.inputText);
      const expected = c.expected.filter((e) => REDIRECT_RULES.includes(e.ruleId)).map((e) => `${e.line} ${e.ruleId}`).sort();
      expect(reportedFindings(reports)).toEqual(expected);
      for (const r of reports) expect(r).toMatch(/^\d+:\d+ (error|warning) contact-redirect-(disabled|method-change|auth-dropped): .+/);
    },
  );

  const redirectCases = singleFile.filter((c) => c.expected.some((e) => REDIRECT_RULES.includes(e.ruleId)));
  it.each(redirectCases.map((c) => [`${c.rule}/${c.name}`, c] as const))(
    'contact-redirects.js --suggestions=true applies the first suggestions, parseably, and says so: %s',
    (_, c) => {
      const { out, reports } = runTransform('contact-redirects', { path: c.inputPath, source: c.inputText }, { suggestions: true });
      const engine = fixText(c.inputPath, c.inputText, {
        suggestions: true,
        rules: Object.fromEntries(
          ['team-contacts-endpoint', 'chat-identify-without-email', 'chat-identify-phone', 'front-chat-handle-readonly'].map((id) => [id, 'off']),
        ),
      });
      expect(out).toBe(engine.output);
      expect(syntaxErrors(c.inputPath, out!)).toEqual([]);
      const applied = reports.filter((r) => / applied suggestion for contact-redirect-/.test(r));
      expect(applied.length).toBe(engine.applied.length);
      if (engine.applied.length) expect(out).not.toBe(c.inputText);
      // What no suggestion handled is still reported, with its line in the new text.
      expect(reportedFindings(reports)).toEqual(engine.remaining.map((f) => `${f.range.start.line} ${f.ruleId}`).sort());
    },
  );
});

describe('codemod options and configuration', () => {
  const SOURCE = "export function list(teamId: string) {\n  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n}\n";
  // What `front-contacts fix` makes of it (the engine decides the exact text; the fixture corpus pins it).
  const FIXED = fixText('/project/api.ts', SOURCE).output;
  it('the sample has a fix', () => {
    expect(FIXED).not.toBe(SOURCE);
    expect(FIXED).not.toContain('/teams/');
  });

  it('fixes a file written on disk and returns the source itself when there is nothing to do', () => {
    const dir = makeProject({ 'src/api.ts': SOURCE, 'src/ok.ts': FIXED });
    expect(runTransform('team-contacts-to-contacts', { path: path.join(dir, 'src/api.ts'), source: SOURCE }).out).toBe(FIXED);
    expect(runTransform('team-contacts-to-contacts', { path: path.join(dir, 'src/ok.ts'), source: FIXED }).out).toBe(FIXED);
  });

  it('--rule=team-contacts-endpoint=off leaves the file alone', () => {
    const dir = makeProject({ 'api.ts': SOURCE });
    const r = runTransform('team-contacts-to-contacts', { path: path.join(dir, 'api.ts'), source: SOURCE }, { rule: 'team-contacts-endpoint=off' });
    expect(r.out).toBe(SOURCE);
  });

  it('--config: rules off in the config file are not fixed; ignore globs skip the file with a report', () => {
    const dir = makeProject({
      'api.ts': SOURCE,
      'vendor/copy.ts': SOURCE,
      'off.json': '{ "rules": { "team-contacts-endpoint": "off" } }',
      'ignore.json': '{ "ignore": ["vendor/"] }',
    });
    expect(runTransform('all', { path: path.join(dir, 'api.ts'), source: SOURCE }, { config: path.join(dir, 'off.json') }).out).toBe(SOURCE);
    const skipped = runTransform('all', { path: path.join(dir, 'vendor/copy.ts'), source: SOURCE }, { config: path.join(dir, 'ignore.json') });
    expect(skipped.out).toBeUndefined(); // jscodeshift counts it "skipped"
    expect(skipped.reports).toEqual([`skipped: matches an "ignore" pattern in ${path.join(dir, 'ignore.json')}`]);
    expect(runTransform('all', { path: path.join(dir, 'api.ts'), source: SOURCE }, { config: path.join(dir, 'ignore.json') }).out).toBe(FIXED);
  });

  it('frontBaseUrls from the config make a proxy host count as Front', () => {
    const proxied = "export const list = (teamId: string) => fetch('https://front-proxy.acme.internal/teams/' + teamId + '/contacts');\n";
    const dir = makeProject({ 'api.ts': proxied, 'proxy.json': '{ "frontBaseUrls": ["https://front-proxy.acme.internal"] }' });
    const file = { path: path.join(dir, 'api.ts'), source: proxied };
    expect(runTransform('all', file).out).toBe(proxied);
    const out = runTransform('all', file, { config: path.join(dir, 'proxy.json') }).out;
    expect(out).toBe(fixText(file.path, proxied, { frontBaseUrls: ['https://front-proxy.acme.internal'] }).output);
    expect(out).not.toContain('/teams/');
  });

  it('a bad config is an error naming the file and the problem', () => {
    const dir = makeProject({ 'api.ts': SOURCE, 'bad.json': '{ "rules": { "team-contacts-endpoint": "warn" } }' });
    expect(() => runTransform('all', { path: path.join(dir, 'api.ts'), source: SOURCE }, { config: path.join(dir, 'bad.json') })).toThrow(
      /invalid config .*bad\.json[\s\S]*"rules\.team-contacts-endpoint" must be "off", "warning" or "error", found "warn"/,
    );
  });

  it('rejects option values it cannot read instead of guessing', () => {
    const file = { path: path.join(makeProject(), 'api.ts'), source: SOURCE };
    expect(() => runTransform('contact-redirects', file, { suggestions: 'src/' })).toThrow('--suggestions expects true or false (write --suggestions=true), got "src/"');
    expect(() => runTransform('all', file, { rule: 'team-contacts-endpoint' })).toThrow('--rule expects ID=off|warning|error');
    expect(() => runTransform('all', file, { rule: 'no-such-rule=off' })).toThrow('unknown rule "no-such-rule"');
  });

  it('honours // front-contacts-ignore-next-line, and reports unused ones when asked', () => {
    const suppressed = `export function list(teamId: string) {\n  // front-contacts-ignore-next-line team-contacts-endpoint\n  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n}\n`;
    const file = { path: path.join(makeProject(), 'api.ts'), source: suppressed };
    expect(runTransform('team-contacts-to-contacts', file)).toEqual({ out: suppressed, reports: [] });
    const unused = { ...file, source: `// front-contacts-ignore-next-line\nexport const x = 1;\n` };
    expect(runTransform('all', unused).reports).toEqual([]);
    expect(runTransform('all', unused, { 'report-unused-ignores': true }).reports).toEqual([
      '1:1 problem: unused front-contacts-ignore-next-line directive (nothing to suppress on the next line)',
    ]);
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const crlf = '\uFEFF' + SOURCE.replace(/\n/g, '\r\n');
    const out = runTransform('team-contacts-to-contacts', { path: path.join(makeProject(), 'api.ts'), source: crlf }).out;
    expect(out).toBe('\uFEFF' + FIXED.replace(/\n/g, '\r\n'));
  });

  it('reports a team contacts URL it cannot fix (the /teams/<id> part is shared) with its line', () => {
    const c = singleFile.find((x) => x.rule === 'team-contacts-endpoint' && x.name === 'same-file-split-binding')!;
    const { out, reports } = runTransform('team-contacts-to-contacts', { path: c.inputPath, source: c.inputText });
    expect(out).toBe(c.inputText);
    expect(reportedFindings(reports)).toEqual(c.expected.map((e) => `${e.line} ${e.ruleId}`).sort());
  });

  it('resolves constants imported from other files on disk', () => {
    const routes = "export const TEAM_CONTACTS = (teamId: string) => `https://api2.frontapp.com/teams/${teamId}/contacts`;\n";
    const dir = makeProject({ 'src/routes.ts': routes, 'src/split.ts': "import { TEAMS } from './teams';\nexport const url = (id: string) => fetch(TEAMS + id + '/contacts');\n", 'src/teams.ts': "export const TEAMS = 'https://api2.frontapp.com/teams/';\nexport const other = TEAMS + 'x';\n" });
    // The owner of the whole URL is fixed in its own file…
    expect(runTransform('all', { path: path.join(dir, 'src/routes.ts'), source: routes }).out).toBe(routes.replace('/teams/${teamId}', ''));
    // …and a URL assembled across files is reported, not half-fixed.
    const split = read(path.join(dir, 'src/split.ts'));
    const r = runTransform('all', { path: path.join(dir, 'src/split.ts'), source: split });
    expect(r.out).toBe(split);
    expect(reportedFindings(r.reports)).toEqual(['2 team-contacts-endpoint']);
  });
});

// ---------------------------------------------------------------------------------------------
// The real jscodeshift CLI (workers, babel-register, --dry/--print) on examples/legacy-app.

function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, BABEL_DISABLE_CACHE: '1', NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0, stdout, stderr });
    });
  });
}

function sourceFiles(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, sourceFiles(p, base));
    else out[path.relative(base, p)] = read(p);
  }
  return out;
}

function copyLegacyApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-codemod-e2e-'));
  cpSync(path.join(ROOT, 'examples', 'legacy-app'), dir, { recursive: true });
  return dir;
}

const JSCODESHIFT = path.join('node_modules', '.bin', 'jscodeshift');

describe('jscodeshift CLI end to end on examples/legacy-app', () => {
  it('team-contacts-to-contacts.js changes the files exactly as `front-contacts fix` does', async () => {
    const original = sourceFiles(path.join(ROOT, 'examples', 'legacy-app'));
    const viaCodemod = copyLegacyApp();
    const viaCli = copyLegacyApp();

    const shift = await sh(JSCODESHIFT, ['-t', 'codemods/team-contacts-to-contacts.js', '--parser=tsx', '--extensions=ts,tsx,js', viaCodemod], ROOT);
    expect(shift.stderr).not.toMatch(/Transformation error|ERR /);
    expect(shift.stdout).toMatch(/^0 errors$/m);
    const fix = await runCli(viaCli, ['fix']);
    expect(fix.code, fix.stderr).toBe(1); // redirect and chat findings remain
    const fixed = Number(/(\d+) files? changed/.exec(fix.stderr)![1]);

    const a = sourceFiles(viaCodemod);
    const b = sourceFiles(viaCli);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const f of Object.keys(b)) expect(a[f], f).toBe(b[f]);
    const changed = Object.keys(original).filter((f) => original[f] !== a[f]).sort();
    expect(changed.length).toBe(fixed);
    expect(changed).toContain(path.join('src', 'front', 'routes.ts'));
    expect(shift.stdout).toMatch(new RegExp(`^${changed.length} ok$`, 'm'));
    expect(a[path.join('src', 'front', 'routes.ts')]).not.toMatch(/\/teams\/(\$\{|:team_id)/);
  }, 180_000);

  it('--dry --print prints the fixed text and writes nothing; all.js reports what stays', async () => {
    const dir = copyLegacyApp();
    const before = sourceFiles(dir);
    const routes = path.join(dir, 'src', 'front', 'routes.ts');
    const r = await sh(JSCODESHIFT, ['-t', 'codemods/all.js', '--parser=tsx', '--extensions=ts,tsx,js', '--dry', '--print', routes, path.join(dir, 'src', 'web')], ROOT);
    expect(sourceFiles(dir)).toEqual(before);
    const expected = fixText(routes, before[path.join('src', 'front', 'routes.ts')]).output;
    expect(expected).not.toBe(before[path.join('src', 'front', 'routes.ts')]);
    expect(r.stdout).toContain(expected.trim());
    expect(r.stdout).toMatch(/REP .*SupportChat\.tsx 22:5 warning chat-identify-without-email: /);
    expect(r.stdout).toMatch(/REP .*chatIdentity\.ts 13:5 error chat-identify-phone: /);
  }, 180_000);

  it('finds front-contacts.config.json from the working folder, like the CLI', async () => {
    const dir = copyLegacyApp();
    writeFileSync(path.join(dir, 'front-contacts.config.json'), '{ "ignore": ["src/front/routes.ts"], "rules": { "team-contacts-endpoint": "off" } }');
    const before = sourceFiles(dir);
    const r = await sh(path.join(ROOT, JSCODESHIFT), ['-t', path.join(ROOT, 'codemods', 'team-contacts-to-contacts.js'), '--parser=tsx', '--extensions=ts,tsx,js', 'src'], dir);
    expect(r.stdout).toMatch(/^0 ok$/m);
    expect(r.stdout).toMatch(/REP src\/front\/routes\.ts skipped: matches an "ignore" pattern/);
    expect(sourceFiles(dir)).toEqual(before);
    expect(statSync(path.join(dir, 'src', 'front', 'routes.ts')).isFile()).toBe(true);
  }, 180_000);
});

describe('without jscodeshift (an optional peer dependency)', () => {
  it('a transform started with node says it is a jscodeshift transform and how to run it, exit 2', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [path.join(ROOT, 'codemods', 'all.js')], { cwd: ROOT }, () => undefined);
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('all.js is a jscodeshift transform');
    expect(r.stderr).toContain('npm i -D jscodeshift');
    expect(r.stderr).toContain('npx jscodeshift -t codemods/all.js --parser=tsx src/');
  });

  it('a transform called without jscodeshift\'s file and api throws the same explanation', () => {
    expect(() => (transform('team-contacts-to-contacts') as unknown as (...a: unknown[]) => unknown)(undefined, undefined, {})).toThrow(
      /team-contacts-to-contacts\.js is a jscodeshift transform[\s\S]*npm i -D jscodeshift/,
    );
  });
});
