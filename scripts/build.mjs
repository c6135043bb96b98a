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

// The CLI takes ts-morph's `ts` (the only part the engine uses) through its own loader: the same compiler
// file, without the rest of ts-morph, and through V8's code cache (src/cli/typescript-loader.ts).
const CLI_TS = { 'ts-morph': './src/cli/typescript-loader.ts' };
// The extension ships without node_modules: its worker bundles ts-morph's TypeScript file, and nothing else of ts-morph.
const EXTENSION_TS = { 'ts-morph': './src/extension/worker/typescriptOnly.ts' };
if (entry('src/cli/main.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', external: ['@ts-morph/common'], alias: CLI_TS }));
// The CLI's worker threads (check/fix on many files): each loads the engine once.
if (entry('src/cli/worker.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/cli-worker.js', format: 'cjs', external: ['@ts-morph/common'], alias: CLI_TS }));
// The engine as a library (codemods and other tools require it).
jobs.push(build({ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', format: 'cjs', external: ['ts-morph', '@ts-morph/common'] }));
// The project layer (config loading, disk SourceHost) as a library: the codemods honour the same config.
if (entry('src/project/index.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/project/index.ts'], outfile: 'dist/project.js', format: 'cjs' }));
if (entry('src/extension/extension.ts'))
  // The extension ships without node_modules, so the TypeScript parser is bundled in (into the worker below).
  jobs.push(build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], minify: process.env.MINIFY === '1' }));
if (entry('src/extension/worker/engineWorker.ts'))
  // The engine runs in a worker thread next to the extension host: activation stays instant and analysis never blocks it.
  // It bundles TypeScript alone in place of ts-morph (src/extension/worker/typescriptOnly.ts): half the code to compile at start.
  jobs.push(build({ ...common, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: 'dist/extension-worker.js', format: 'cjs', minify: process.env.MINIFY === '1', alias: EXTENSION_TS }));
if (entry('src/runtime/index.ts')) {
  jobs.push(build({ ...common, bundle: true, platform: 'neutral', entryPoints: ['src/runtime/index.ts'], outfile: 'dist/runtime/index.mjs', format: 'esm' }));
  jobs.push(build({ ...common, bundle: true, platform: 'node', entryPoints: ['src/runtime/index.ts'], outfile: 'dist/runtime/index.cjs', format: 'cjs' }));
}
// front-contacts/testing: msw handlers that answer like Front after the migration. msw is an optional peer
// dependency of the package, never bundled.
if (entry('src/runtime/testing/index.ts')) {
  const testing = { ...common, bundle: true, entryPoints: ['src/runtime/testing/index.ts'], external: ['msw'] };
  jobs.push(build({ ...testing, platform: 'neutral', outfile: 'dist/runtime/testing/index.mjs', format: 'esm' }));
  jobs.push(build({ ...testing, platform: 'node', outfile: 'dist/runtime/testing/index.cjs', format: 'cjs' }));
}
// Type declarations for the runtime helpers (dist/runtime/*.d.ts), checked without Node's types so the
// helpers stay browser-safe. Needs the typescript devDependency; skipped where it is not installed.
async function runtimeDeclarations() {
  let ts;
  try {
    ts = (await import('typescript')).default;
  } catch {
    return;
  }
  const roots = ['src/runtime/index.ts', 'src/runtime/testing/index.ts'].filter(entry).map((p) => join(root, p));
  const program = ts.createProgram(roots, {
    declaration: true, emitDeclarationOnly: true, strict: true, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], rootDir: join(root, 'src/runtime'), outDir: join(root, 'dist/runtime'),
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    throw new Error(`runtime type declarations:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}
if (entry('src/runtime/index.ts')) jobs.push(runtimeDeclarations());
await Promise.all(jobs);
