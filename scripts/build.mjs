// Bundles the CLI, the VS Code extension and the runtime helpers with esbuild.
// Used by `npm run build` and, on first use, by bin/front-contacts.js.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
const jobs = [];
const entry = (p) => existsSync(join(root, p));

if (entry('src/cli/main.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', external: ['ts-morph', '@ts-morph/common'] }));
// The engine as a library (codemods and other tools require it).
jobs.push(build({ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', format: 'cjs', external: ['ts-morph', '@ts-morph/common'] }));
if (entry('src/extension/extension.ts'))
  // The extension ships without node_modules, so the TypeScript parser is bundled in.
  jobs.push(build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], minify: process.env.MINIFY === '1' }));
if (entry('src/runtime/index.ts')) {
  jobs.push(build({ ...common, bundle: true, platform: 'neutral', entryPoints: ['src/runtime/index.ts'], outfile: 'dist/runtime/index.mjs', format: 'esm' }));
  jobs.push(build({ ...common, bundle: true, platform: 'node', entryPoints: ['src/runtime/index.ts'], outfile: 'dist/runtime/index.cjs', format: 'cjs' }));
}
await Promise.all(jobs);
