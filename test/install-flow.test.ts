// The install flow of a new user, outside the clone: `npm pack` the CLI package and the runtime package,
// install both tarballs (and jscodeshift, the codemods' optional peer) into a fresh project, and run there
// what the README promises: `npx front-contacts check .`, `fix --dry-run`, `fix --suggestions` (whose import
// of front-contacts-runtime must then resolve, as ESM and CommonJS) and a codemod.
// Needs the npm registry for the packages' own dependencies (ts-morph, jscodeshift): skipped, saying so, when
// `npm ping` cannot reach it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './cli/helpers';

const ROOT = join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function registryReachable(): boolean {
  const r = spawnSync(NPM, ['ping'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return r.status === 0;
}
const online = registryReachable();
if (!online) console.warn('install-flow.test.ts skipped: the npm registry is not reachable (`npm ping` failed)');

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/** `npm pack` without lifecycle scripts: dist/ and packages/runtime/dist were just built by ensureBuilt. */
function pack(dest: string, args: string[] = []): PackResult {
  const out = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...args], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as PackResult[])[0]!;
}

const LEGACY = [
  "const FRONT = 'https://api2.frontapp.com';",
  'const headers = { Authorization: `Bearer ${process.env.FRONT_API_TOKEN}` };',
  'export const teamContacts = (teamId: string) => fetch(`${FRONT}/teams/${teamId}/contacts`, { headers });',
  "export const addNote = (id: string) => fetch(`${FRONT}/contacts/${id}/notes`, { method: 'POST', headers, body: '{}' });",
  '',
].join('\n');

let app = '';
let cliPack: PackResult;
let runtimePack: PackResult;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
// Every bin is installed in the app, so npx runs it from node_modules/.bin (nothing is downloaded).
const npx = (...args: string[]) => run('npx', args);

describe.skipIf(!online)('installing the packed tarballs into a fresh project', () => {
  beforeAll(async () => {
    await ensureBuilt();
    if (!existsSync(join(ROOT, 'packages/runtime/dist/index.cjs'))) execFileSync(process.execPath, ['packages/runtime/scripts/build.mjs'], { cwd: ROOT });
    const work = mkdtempSync(join(tmpdir(), 'fc-install-flow-'));
    cliPack = pack(work);
    runtimePack = pack(work, ['--workspace', 'packages/runtime']);
    app = join(work, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'legacy-app', version: '1.0.0', private: true }, null, 2));
    writeFileSync(join(app, 'src/front.ts'), LEGACY);
    const install = run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', join(work, cliPack.filename), join(work, runtimePack.filename), 'jscodeshift@^17']);
    expect(install.status, install.stderr).toBe(0);
  }, 300_000);

  it('the CLI tarball holds what the CLI and codemods run, not the extension bundle or source maps', () => {
    const paths = cliPack.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/front-contacts.js', 'dist/cli.js', 'dist/cli-worker.js', 'dist/typescript.js', 'dist/git-prefetch.js', 'dist/code-cache.js', 'dist/core.js', 'dist/project.js', 'codemods/all.js', 'codemods/lib/engine.js', 'schema/front-contacts.config.schema.json', 'package.json', 'README.md', 'LICENSE']));
    expect(paths.filter((p) => /extension|\.map$|^src\/|^test\//.test(p))).toEqual([]);
    // ~1.8 MB of bundles and codemods, plus the ~1 MB of TypeScript the CLI loads (dist/typescript.js: the parser)
    expect(cliPack.unpackedSize).toBeLessThan(3_500_000);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/front-contacts/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['ts-morph']);
    expect(manifest.peerDependenciesMeta.jscodeshift.optional).toBe(true);
  });

  it('the runtime tarball is a few KB of ESM, CJS and types, with no dependencies', () => {
    expect(runtimePack.files.map((f) => f.path).sort()).toEqual(
      expect.arrayContaining(['dist/index.mjs', 'dist/index.cjs', 'dist/index.d.ts', 'dist/testing/index.mjs', 'dist/testing/index.cjs', 'dist/testing/index.d.ts', 'package.json']),
    );
    expect(runtimePack.size).toBeLessThan(30_000);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/front-contacts-runtime/package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
  });

  it('npx front-contacts check . reports the legacy calls', () => {
    const r = npx('front-contacts', 'check', '.', '--format', 'json');
    expect(r.status, r.stderr).toBe(1);
    const files = JSON.parse(r.stdout) as { filePath: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
    expect(files.flatMap((f) => f.findings.map((x) => `${f.filePath.replace(/\\/g, '/').replace(/^.*\/app\//, '')}:${x.range.start.line} ${x.ruleId}`))).toEqual([
      'src/front.ts:3 team-contacts-endpoint',
      'src/front.ts:4 contact-redirect-method-change',
    ]);
  });

  it('npx front-contacts fix --dry-run . prints the diff and changes nothing', () => {
    const r = npx('front-contacts', 'fix', '--dry-run', '.');
    expect(r.stdout).toContain('-export const teamContacts = (teamId: string) => fetch(`${FRONT}/teams/${teamId}/contacts`, { headers });');
    expect(r.stdout).toContain('+export const teamContacts = (teamId: string) => fetch(`${FRONT}/contacts`, { headers });');
    expect(readFileSync(join(app, 'src/front.ts'), 'utf8')).toBe(LEGACY);
  });

  it('a codemod runs through jscodeshift from node_modules/front-contacts/codemods', () => {
    const r = npx('jscodeshift', '-t', 'node_modules/front-contacts/codemods/team-contacts-to-contacts.js', '--parser=tsx', '--extensions=ts', '--dry', '--print', 'src/');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('fetch(`${FRONT}/contacts`, { headers })');
    expect(r.stdout).toMatch(/1 ok/);
  });

  it('fix --suggestions imports front-contacts-runtime, which resolves from the app as ESM and CommonJS', () => {
    const r = npx('front-contacts', 'fix', '--suggestions', '.');
    expect(r.status, r.stderr).toBe(0);
    const fixed = readFileSync(join(app, 'src/front.ts'), 'utf8');
    expect(fixed).toContain("import { withContactRedirects } from 'front-contacts-runtime';");
    expect(fixed).toContain('withContactRedirects(fetch)(`${FRONT}/contacts/${id}/notes`');
    expect(npx('front-contacts', 'check', '.').status).toBe(0);
    const probe = "typeof withContactRedirects + ' ' + typeof installContactRedirects + ' ' + typeof resolveContactId + ' ' + typeof remapLegacyIds";
    const cjs = run(process.execPath, ['-e', `const { withContactRedirects, installContactRedirects, resolveContactId, remapLegacyIds } = require('front-contacts-runtime'); console.log(${probe})`]);
    expect(cjs.stdout.trim(), cjs.stderr).toBe('function function function function');
    const esm = run(process.execPath, ['--input-type=module', '-e', `import { withContactRedirects, installContactRedirects, resolveContactId, remapLegacyIds } from 'front-contacts-runtime'; console.log(${probe})`]);
    expect(esm.stdout.trim(), esm.stderr).toBe('function function function function');
  });
});
