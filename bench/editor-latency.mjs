#!/usr/bin/env node
// Editor latency: how long the extension's analysis takes from an edit to updated diagnostics, on a
// generated 5,000-line TypeScript file. Not a test: it reports, it does not fail (unless --check).
//
// What is timed, per edit (a keystroke-sized insertion or deletion at a random place of the file):
//   analyze      core analyze() on the edited text, in this process (the work the extension's worker does)
//   worker       the same request through the extension's EngineClient and worker thread (postMessage
//                round trip included: what the editor waits for after its debounce)
// Peers on the same texts, in the same process: TypeScript's createSourceFile (the parse every
// TypeScript-based linter pays) and @babel/parser (what ESLint-style tools built on Babel pay).
//
// Usage: node bench/editor-latency.mjs [--lines 5000] [--edits 200] [--warmup 50] [--seed 1] [--check] [--json FILE]
// Warm-up: --warmup edits (other random edits of the same file, not the timed ones) go through every tool and the
// worker first: V8 compiles the engine's hot paths during an editing session's first keystrokes, once.
// Target: analyze median and p95 <= 30 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serviceFile } from './lib/service-file.mjs';
import { flag, option } from './lib/args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LINES = Number(option('lines', 5000));
const EDITS = Number(option('edits', 200));
const WARMUP = Number(option('warmup', 50));
const SEED = Number(option('seed', 1));
const TARGET_MS = 30;

const { generate, edit } = serviceFile(SEED);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const work = join(root, 'bench', '.work', 'editor-latency');
mkdirSync(work, { recursive: true });
// Bundle the engine and the extension's worker from source, as the extension ships them.
await Promise.all([
  build({ absWorkingDir: root, entryPoints: ['src/core/index.ts'], outfile: join(work, 'core.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' }),
  build({ absWorkingDir: root, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: join(work, 'extension-worker.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' }),
  build({ absWorkingDir: root, entryPoints: ['src/extension/engineClient.ts'], outfile: join(work, 'engineClient.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' }),
]);
const require = createRequire(import.meta.url);
const core = require(join(work, 'core.cjs'));
const { EngineClient } = require(join(work, 'engineClient.cjs'));
const ts = require('typescript');
const babel = require('@babel/parser');

/** Babel stops at the first error it cannot recover from (an edit may cause one): timed all the same. */
const babelParse = (t) => {
  try {
    babel.parse(t, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true });
  } catch {}
};

const fileName = join(work, 'service.ts');
const base = generate(LINES);
writeFileSync(fileName, base);
const options = { rules: {}, frontBaseUrls: [] };
const warmups = [];
for (let i = 0; i < WARMUP; i++) warmups.push(edit(base));
const texts = [];
for (let i = 0; i < EDITS; i++) texts.push(edit(base));

const now = () => performance.now();
const onBase = core.analyze(fileName, base, options);
const findingsOnBase = onBase.findings.length;
const syntaxErrorsOnBase = onBase.problems.length;

// Warm-up (JIT, TypeScript's lazy init) on other edits, then each tool's timed pass over the same texts.
const client = new EngineClient(join(work, 'extension-worker.js'));
await client.analyze({ fileName, text: base, options, buffers: {} });
for (const t of warmups) {
  core.analyze(fileName, t, options);
  await client.analyze({ fileName, text: t, options, buffers: {} }, 'bench');
  ts.createSourceFile(fileName, t, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  babelParse(t);
}

// Each tool in its own pass over the same texts, as each runs in the editor: the extension's worker has a heap
// of its own and does nothing else, so the peers' garbage (two full parses of the file per edit) must not land
// in its timings, nor in the in-process analyze's.
const times = { analyze: [], worker: [], 'ts.createSourceFile': [], '@babel/parser': [] };
const pass = (name, fn) => {
  for (const t of texts) {
    const t0 = now();
    fn(t);
    times[name].push(now() - t0);
  }
};
pass('analyze', (t) => core.analyze(fileName, t, options));
for (const t of texts) {
  const t0 = now();
  await client.analyze({ fileName, text: t, options, buffers: {} }, 'bench');
  times.worker.push(now() - t0);
}
pass('ts.createSourceFile', (t) => ts.createSourceFile(fileName, t, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
pass('@babel/parser', babelParse);
client.dispose();

const broken = texts.map((t) => ts.createSourceFile(fileName, t, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS).parseDiagnostics.length > 0);
const byKind = {
  'analyze, valid edits': times.analyze.filter((_, i) => !broken[i]),
  'analyze, syntax errors': times.analyze.filter((_, i) => broken[i]),
};
const result = {
  lines: base.split('\n').length - 1,
  bytes: base.length,
  edits: EDITS,
  warmup: WARMUP,
  findingsOnBase,
  syntaxErrorsOnBase,
  // Edits that break the syntax are recovered from locally (src/core/reparse.ts); reported apart below.
  editsWithSyntaxErrors: broken.filter(Boolean).length,
  node: process.version,
  cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
  loadavg: loadavg().map((x) => x.toFixed(1)).join(' '),
  ms: Object.fromEntries(Object.entries({ ...times, ...byKind }).map(([k, v]) => [k, stats(v)])),
};
const a = result.ms.analyze;
console.log(`editor latency on a ${result.lines}-line file (${(base.length / 1024).toFixed(0)} KiB, ${findingsOnBase} findings, ${syntaxErrorsOnBase} syntax errors), ${EDITS} edits (${result.editsWithSyntaxErrors} break the syntax) after ${WARMUP} warm-up edits, ${result.cpus}, load ${result.loadavg}`);
console.log('  tool                   median     p95     max   (ms)');
for (const [k, v] of Object.entries(result.ms)) console.log(`  ${k.padEnd(22)} ${v.median.toFixed(1).padStart(6)} ${v.p95.toFixed(1).padStart(7)} ${v.max.toFixed(1).padStart(7)}`);
console.log(`  ratio analyze / ts.createSourceFile (median): ${(a.median / result.ms['ts.createSourceFile'].median).toFixed(2)}`);
console.log(`  ratio analyze / @babel/parser (median):       ${(a.median / result.ms['@babel/parser'].median).toFixed(2)}`);
const ok = a.median <= TARGET_MS && a.p95 <= TARGET_MS;
console.log(`  target: analyze median and p95 <= ${TARGET_MS} ms: ${ok ? 'met' : 'NOT met'}`);
const jsonOut = option('json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2) + '\n');
process.exit(flag('check') && !ok ? 1 : 0);
