// Bundles the CLI, the VS Code extension and the runtime package (packages/runtime) with esbuild.
// Used by `npm run build` and, on first use, by bin/front-contacts.js.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typescriptSubset, usedNames } from './typescript-subset.mjs';

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
// The compiler those bundles load (src/cli/typescript-loader.ts): the part of ts-morph's TypeScript file that the
// sources use (scripts/typescript-subset.mjs: the parser, not the checker or the language service), minified. A run
// reads, decodes and hands V8 ~1 MB instead of 9 MB. The copyright header is kept (esbuild keeps /*! */ comments);
// the extension's packaged worker bundles the whole file.
if (entry('src/cli/typescript-loader.ts')) {
  const compiler = createRequire(join(root, 'package.json')).resolve('@ts-morph/common/dist/typescript.js');
  const text = compilerSubset(compiler, usedNames([join(root, 'src')]));
  jobs.push(
    build({
      stdin: { contents: text, sourcefile: 'typescript.js', loader: 'js', resolveDir: dirname(compiler) },
      outfile: 'dist/typescript.js',
      platform: 'node',
      target: 'node18',
      minify: true,
      logLevel: 'warning',
      absWorkingDir: root,
    }),
  );
}
/**
 * typescriptSubset's text for this compiler file and these names, kept in node_modules/.cache/front-contacts (parsing
 * the 9 MB compiler to cut it takes ~3 s of every build; the key is the compiler's bytes, the names and the script).
 */
function compilerSubset(compiler, names) {
  const source = readFileSync(compiler, 'utf8');
  const key = createHash('sha1').update(source).update([...names].sort().join(',')).update(readFileSync(join(root, 'scripts', 'typescript-subset.mjs'))).digest('hex').slice(0, 16);
  const folder = join(dirname(compiler), '..', '..', '..', '.cache', 'front-contacts');
  const cached = join(folder, `typescript-subset-${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { text } = typescriptSubset(source, names, createRequire(import.meta.url)(compiler));
  try {
    mkdirSync(folder, { recursive: true });
    for (const f of readdirSync(folder)) if (f.startsWith('typescript-subset-')) rmSync(join(folder, f), { force: true });
    writeFileSync(`${cached}.${process.pid}.tmp`, text);
    renameSync(`${cached}.${process.pid}.tmp`, cached);
  } catch {
    // no cache: the next build cuts the compiler again
  }
  return text;
}

// The launcher starts `git ls-files` with it before loading dist/cli.js (src/project/git-prefetch.ts).
if (entry('src/project/git-prefetch.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/project/git-prefetch.ts'], outfile: 'dist/git-prefetch.js', format: 'cjs' }));
// The launcher's loader (bin/front-contacts.js loads dist/cli.js through V8's code cache with it).
if (entry('src/cli/code-cache.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/cli/code-cache.ts'], outfile: 'dist/code-cache.js', format: 'cjs' }));
// The CLI's worker threads (check/fix on many files): each loads the engine once.
if (entry('src/cli/worker.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/cli-worker.js', format: 'cjs', external: ['@ts-morph/common'], alias: CLI_TS }));
// The engine as a library (codemods and other tools require it).
jobs.push(build({ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', format: 'cjs', external: ['ts-morph', '@ts-morph/common'] }));
// The project layer (config loading, disk SourceHost) as a library: the codemods honour the same config.
if (entry('src/project/index.ts'))
  jobs.push(build({ ...common, entryPoints: ['src/project/index.ts'], outfile: 'dist/project.js', format: 'cjs' }));
// front-contacts/eslint: the ESLint 9 plugin. One CommonJS bundle (the engine with the CLI's TypeScript loader);
// the ES module entry re-exports that same object, so `import` and `require` share one lint session.
if (entry('src/eslint/cjs-entry.ts')) {
  jobs.push(build({ ...common, entryPoints: ['src/eslint/cjs-entry.ts'], outfile: 'dist/eslint.cjs', format: 'cjs', external: ['@ts-morph/common', 'eslint'], alias: CLI_TS }));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(
    join(root, 'dist/eslint.mjs'),
    "import { createRequire } from 'node:module';\n" +
      "const plugin = createRequire(import.meta.url)('./eslint.cjs');\n" +
      'export const { meta, rules, configs } = plugin;\n' +
      'export default plugin;\n',
  );
  writeFileSync(
    join(root, 'dist/eslint.d.ts'),
    "import type { ESLint, Linter, Rule } from 'eslint';\n" +
      'declare const plugin: ESLint.Plugin & { meta: { name: string; version: string }; rules: Record<string, Rule.RuleModule>; configs: { recommended: Linter.Config } };\n' +
      'export declare const meta: typeof plugin.meta;\nexport declare const rules: typeof plugin.rules;\nexport declare const configs: typeof plugin.configs;\n' +
      'export default plugin;\n',
  );
}
if (entry('src/extension/extension.ts'))
  // The extension ships without node_modules, so the TypeScript parser is bundled in (into the worker below).
  jobs.push(build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], minify: process.env.MINIFY === '1' }));
if (entry('src/extension/worker/engineWorker.ts'))
  // The engine runs in a worker thread next to the extension host: activation stays instant and analysis never blocks it.
  // It bundles TypeScript alone in place of ts-morph (src/extension/worker/typescriptOnly.ts): half the code to compile at start.
  jobs.push(build({ ...common, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: 'dist/extension-worker.js', format: 'cjs', minify: process.env.MINIFY === '1', alias: EXTENSION_TS }));
// The runtime helpers are their own package (front-contacts-runtime), built into packages/runtime/dist.
if (entry('packages/runtime/scripts/build.mjs')) {
  const { buildRuntime } = await import('../packages/runtime/scripts/build.mjs');
  jobs.push(buildRuntime());
}
await Promise.all(jobs);
