// Compiles the extension-host mocha suite (test/vscode/*.ts) to .vscode-test/suite/*.js. The same
// output is loaded by both runners: code-server offline (run.mjs) and @vscode/test-electron.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_DIR = join(root, '.vscode-test', 'suite');
const src = join(root, 'test', 'vscode');
const entries = readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join('test', 'vscode', f));
rmSync(SUITE_DIR, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: SUITE_DIR,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: 'inline',
  // vscode is the host's; mocha is loaded from the repo's node_modules (found by walking up).
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
