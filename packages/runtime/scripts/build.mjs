// Builds front-contacts-runtime into packages/runtime/dist: ESM + CJS bundles of each entry and their type
// declarations. The build tools (esbuild, typescript) are the root workspace's devDependencies; the package
// itself has no dependency at all. Run by `npm run build` at the root, and by `prepack` of this package.
// No source maps: the bundles are readable as they are and the package stays a few KB.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(pkgRoot, 'src');
const dist = join(pkgRoot, 'dist');

/** The package's entries: `front-contacts-runtime` and `front-contacts-runtime/testing`. */
const ENTRIES = [
  { from: 'index.ts', to: 'index' },
  // msw handlers that answer like Front after the migration; msw is an optional peer, never bundled.
  { from: 'testing/index.ts', to: 'testing/index', external: ['msw'] },
];

export async function buildRuntime() {
  rmSync(dist, { recursive: true, force: true });
  const common = { absWorkingDir: pkgRoot, bundle: true, target: 'es2020', logLevel: 'warning' };
  const jobs = [];
  for (const e of ENTRIES) {
    const opts = { ...common, entryPoints: [join(src, e.from)], external: e.external ?? [] };
    // ESM for bundlers, browsers and Node; the neutral platform keeps Node built-ins out.
    jobs.push(build({ ...opts, platform: 'neutral', format: 'esm', outfile: join(dist, `${e.to}.mjs`) }));
    jobs.push(build({ ...opts, platform: 'node', format: 'cjs', outfile: join(dist, `${e.to}.cjs`) }));
  }
  jobs.push(declarations());
  await Promise.all(jobs);
}

/**
 * dist/*.d.ts, checked without Node's types so the helpers stay browser-safe. Skipped where the typescript
 * devDependency is not installed (the bundles still build).
 */
async function declarations() {
  let ts;
  try {
    ts = (await import('typescript')).default;
  } catch {
    return;
  }
  const roots = ENTRIES.map((e) => join(src, e.from));
  const program = ts.createProgram(roots, {
    declaration: true, emitDeclarationOnly: true, strict: true, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], rootDir: src, outDir: dist,
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => pkgRoot, getNewLine: () => '\n' };
    throw new Error(`front-contacts-runtime type declarations:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildRuntime();
