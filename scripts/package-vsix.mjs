// `npm run package`: builds the extension bundle (minified) and packs the .vsix with @vscode/vsce.
// --no-dependencies: the bundle already contains the engine and the TypeScript parser, so no
// node_modules are shipped; .vscodeignore keeps the package to what runs.
// Output: front-contacts-<version>.vsix in the repo root, or $VSIX_OUT / `--out FILE`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : process.env.VSIX_OUT || join(root, `${pkg.name}-${pkg.version}.vsix`));
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, MINIFY: '1' } });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: 'inherit' });
console.log(out);
