// `npm run package`: builds the extension bundles (minified) into a staging folder and packs the .vsix
// with @vscode/vsce there. --no-dependencies: the worker bundle already contains the engine and the
// TypeScript parser, so no node_modules are shipped; .vscodeignore keeps the package to what runs.
// Staging keeps the package independent of whatever `npm run build` writes to dist/ meanwhile.
// Output: front-contacts-<version>.vsix in the repo root, or $VSIX_OUT / `--out FILE`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** package.json fields that mean something to npm only; test/extension/vsix.test.ts checks none reaches the .vsix. */
const NPM_ONLY_FIELDS = [
  'files', 'scripts', 'dependencies', 'devDependencies', 'peerDependencies', 'peerDependenciesMeta', 'optionalDependencies',
  'bundleDependencies', 'bundledDependencies', 'overrides', 'bin', 'exports', 'types', 'typings', 'module', 'workspaces',
  'private', 'publishConfig', 'packageManager', 'directories',
];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : process.env.VSIX_OUT || join(root, `${pkg.name}-${pkg.version}.vsix`));
// A private staging folder per run: concurrent packagings (a test, a CI step) never share one.
const stage = mkdtempSync(join(tmpdir(), 'fc-vsix-stage-'));
process.on('exit', () => rmSync(stage, { recursive: true, force: true }));
// Same entries as scripts/build.mjs, minified, no source maps.
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node18', format: 'cjs', minify: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: join(stage, 'dist', 'extension.js'), external: ['vscode'] }),
  // TypeScript alone in place of ts-morph, as in scripts/build.mjs (src/extension/worker/typescriptOnly.ts).
  build({ ...common, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: join(stage, 'dist', 'extension-worker.js'), alias: { 'ts-morph': './src/extension/worker/typescriptOnly.ts' } }),
]);
// The marketplace page is the extension's own README (docs/vscode-extension/README.md), not the npm package's.
const copies = [
  ['.vscodeignore'], ['docs/vscode-extension/README.md', 'README.md'], ['CHANGELOG.md'], ['LICENSE'],
  ['schema/front-contacts.config.schema.json'], ['media/icon.png'],
  ...readdirSync(join(root, 'media', 'walkthrough')).map((f) => [`media/walkthrough/${f}`]),
];
for (const [from, to = from] of copies)
  if (existsSync(join(root, from))) {
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    cpSync(join(root, from), join(stage, to));
  }
// The manifest is the npm package's package.json minus what only npm uses: `files` (vsce refuses it next
// to .vscodeignore), scripts, dependencies of every kind (the bundles contain what runs), the CLI's bin, the
// package entry points and workspaces; `engines` keeps only `vscode`.
const manifest = { ...pkg };
for (const k of NPM_ONLY_FIELDS) delete manifest[k];
manifest.engines = { vscode: pkg.engines.vscode };
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
// README images/links relative to the repository are rewritten by vsce from the `repository` field.
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
console.log(out);
