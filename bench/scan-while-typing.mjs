#!/usr/bin/env node
// "Front Contacts: Scan Workspace" on the 10k-file bench repository, and what it does to typing. Not a test: it
// reports, it does not fail.
//
// The extension's own parts, bundled from source: EngineClient + the engine worker (src/extension), and the
// scan's file selection (src/extension/scanClient.ts driving ScanSelector in the worker: the CLI's prefilter and
// import closure). The scan is done the way commands.ts does it: list the files, ask the worker which of them
// the CLI skips (.gitignore, config `ignore`), read them in batches of 500 and select (in the worker), then send
// the selected files to the worker one at a time as background requests, each after the editor's request in
// flight (if any) is answered. (The file list comes from the CLI's discovery here; VS Code's findFiles plays that part in the
// extension, where the scan waits for the editor's debounced and running analyses: DiagnosticsService.editorIdle.)
//
// Phases, each with a fresh worker that has first analysed the open document (an editor open on it):
//   typing        keystroke-sized edits to a generated 5,000-line document every ~50 ms, no scan: the latency
//                 from sending each version to its diagnostics (the worker's answer)
//   scan          the scan alone: its time, files read, selected and analysed
//   scan+typing   the scan again, with the same edits sent meanwhile (latencies also per phase of the scan)
//   one project   (unless --no-compare) scan+typing with the scan's requests on the editor's project and queue
//                 (no `background`, no waiting for the editor): how the scan met typing before (with the selection)
// Also reported: the longest the main thread (the extension host, in the extension) was blocked while
// scanning (perf_hooks event-loop delay), and the selection's share; and the longest synchronous stretch of the
// worker's side of the scan (ScanSelector reading and selecting, run on this thread to sample it every 2 ms): an
// editor request reaching the worker waits at most that long behind the scan's reading and selection.
//
// Usage: node bench/scan-while-typing.mjs [--repo bench/.work/10000] [--lines 5000] [--interval 50] [--edits 150]
//        [--seed 1] [--no-compare] [--json FILE]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serviceFile } from './lib/service-file.mjs';
import { flag, option } from './lib/args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(root, option('repo', 'bench/.work/10000'));
const LINES = Number(option('lines', 5000));
const INTERVAL = Number(option('interval', 50));
const EDITS = Number(option('edits', 150));
const SEED = Number(option('seed', 1));
const COMPARE = !flag('no-compare');
const READ_BATCH = 500;

if (!existsSync(REPO)) {
  console.log(`${REPO} missing: generating it (node bench/generate.mjs 10k)`);
  const r = spawnSync(process.execPath, [join(root, 'bench', 'generate.mjs'), '10k'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { generate, edit } = serviceFile(SEED);

const stats = (xs) => {
  if (xs.length === 0) return { n: 0, median: NaN, p95: NaN, max: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

const work = join(root, 'bench', '.work', 'scan-while-typing');
mkdirSync(work, { recursive: true });
const esb = { absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' };
await Promise.all([
  build({ ...esb, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: join(work, 'extension-worker.js') }),
  build({ ...esb, entryPoints: ['src/extension/engineClient.ts'], outfile: join(work, 'engineClient.cjs') }),
  build({
    ...esb,
    stdin: {
      contents: "export { ScanSelector } from './src/extension/scanSelection';\nexport { WorkerScanSelector, ignoredByProject } from './src/extension/scanClient';\nexport { discoverFiles } from './src/project/discover';\nexport { loadConfig } from './src/project/config';\n",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: join(work, 'scan.cjs'),
  }),
]);
const require = createRequire(import.meta.url);
const { EngineClient } = require(join(work, 'engineClient.cjs'));
const { ScanSelector, WorkerScanSelector, ignoredByProject, discoverFiles, loadConfig } = require(join(work, 'scan.cjs'));

const config = loadConfig({ cwd: REPO });
const options = { rules: config.config.rules ?? {}, frontBaseUrls: config.config.frontBaseUrls ?? [] };
const docName = join(work, 'service.ts');
const base = generate(LINES);
writeFileSync(docName, base);
const edits = Array.from({ length: EDITS * 4 }, () => edit(base));

/** The extension's scan (commands.ts), against `client`; `background: false` is the old behaviour. */
/** What the scan running meanwhile is doing (edits' latencies are also reported per phase). */
let phase = 'none';
/**
 * The longest the main thread was blocked (gap between its 2 ms samples) in each phase of the scan. The listing stands in
 * for VS Code's findFiles, which runs outside the extension host: its share is reported apart.
 */
let blocked = {};
/** Samples the main thread every 2 ms; a gap counts for every phase it spanned (a phase change mid-stretch). */
let touched = new Set();
let sampler;
function sampleGaps(on) {
  clearInterval(sampler);
  if (!on) return;
  let last = now();
  touched = new Set([phase]);
  sampler = setInterval(() => {
    const t = now();
    for (const p of touched) if (p !== 'none') blocked[p] = Math.max(blocked[p] ?? 0, t - last);
    last = t;
    touched = new Set([phase]);
  }, 2);
}
function enter(next) {
  phase = next;
  touched.add(next);
}
async function scan(client, background, editorBusy = () => false) {
  const t0 = now();
  blocked = {};
  sampleGaps(true);
  enter('list');
  const listedFiles = (await discoverFiles([REPO], { cwd: REPO, ignore: config.ignoreRules })).files;
  const listed = now() - t0;
  enter('read');
  const skip = await ignoredByProject(client, [{ dir: REPO, ignore: config.ignoreRules }], listedFiles);
  const files = listedFiles.filter((f) => !skip.has(f));
  const selector = new WorkerScanSelector(client, options.frontBaseUrls, files);
  for (let i = 0; i < files.length; i += READ_BATCH) await selector.add(files.slice(i, i + READ_BATCH).map((file) => ({ file })));
  const s0 = now();
  enter('select');
  const selection = await selector.select();
  enter('analyse');
  const selectMs = now() - s0;
  const read = s0 - t0 - listed;
  let findings = 0;
  const engineMs = [];
  for (const { file, text } of selection.selected) {
    // commands.ts: the next file waits while the editor has an analysis pending (DiagnosticsService.editorIdle).
    for (const end = now() + 1000; background && editorBusy() && now() < end; ) await sleep(20);
    const r = await client.analyze({ fileName: file, text, options, buffers: {}, ...(background ? { background: true } : {}) }, file);
    if (r) {
      findings += r.findings.length;
      engineMs.push(r.ms);
    }
  }
  enter('none');
  sampleGaps(false);
  return {
    blockedMsByPhase: blocked,
    ms: now() - t0,
    listMs: listed,
    readMs: read,
    selectMs,
    files: files.length,
    analysed: selection.selected.length,
    unreadable: selection.unreadable.length,
    findings,
    engineMsPerFile: stats(engineMs),
  };
}

/** Sends an edit every INTERVAL ms until `until()` (and at least `min` edits); latency of each answered edit. */
const typing = { inFlight: 0 };
async function type(client, until, min) {
  const latencies = [];
  const byPhase = {};
  let superseded = 0;
  let sent = 0;
  const answers = [];
  for (let i = 0; (i < min || !until()) && i < edits.length; i++) {
    const t0 = now();
    const sentIn = phase;
    sent++;
    typing.inFlight++;
    answers.push(
      client.analyze({ fileName: docName, text: edits[i], options, buffers: {} }, 'doc').then((r) => {
        typing.inFlight--;
        if (r) {
          latencies.push(now() - t0);
          (byPhase[sentIn] ??= []).push(now() - t0);
        }
        else superseded++;
      }),
    );
    await sleep(INTERVAL);
  }
  await Promise.all(answers);
  return { sent, superseded, ms: stats(latencies), byPhase: Object.fromEntries(Object.entries(byPhase).map(([k, v]) => [k, stats(v)])) };
}

async function freshClient() {
  const client = new EngineClient(join(work, 'extension-worker.js'));
  // The editor has the document open: analysed once (full parse), then an edit or two (warm incremental path).
  await client.analyze({ fileName: docName, text: base, options, buffers: {} }, 'doc');
  for (const t of edits.slice(-3)) await client.analyze({ fileName: docName, text: t, options, buffers: {} }, 'doc');
  return client;
}

const load = [loadavg().map((x) => x.toFixed(1)).join(' ')];
const result = { repo: REPO, lines: base.split('\n').length - 1, intervalMs: INTERVAL, node: process.version, cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}` };

// Reading 10k files once beforehand, so the first scan does not pay the cold page cache alone.
await new ScanSelector([], []).add((await discoverFiles([REPO], { cwd: REPO, ignore: config.ignoreRules })).files.map((file) => ({ file })));

/**
 * The worker's side of a scan (reading in batches, then selecting) on this thread: times, and the longest gap between
 * 2 ms samples in each phase (the switch is made right after a sample, so no stretch spans both phases).
 */
async function selectorStretch() {
  const files = (await discoverFiles([REPO], { cwd: REPO, ignore: config.ignoreRules })).files;
  const longest = { read: 0, select: 0 };
  let current = 'read';
  let last = now();
  const sampler = setInterval(() => {
    const t = now();
    longest[current] = Math.max(longest[current], t - last);
    last = t;
  }, 2);
  const t0 = now();
  const selector = new ScanSelector(options.frontBaseUrls, files);
  for (let i = 0; i < files.length; i += READ_BATCH) await selector.add(files.slice(i, i + READ_BATCH).map((file) => ({ file })));
  const readMs = now() - t0;
  await sleep(5);
  current = 'select';
  last = now();
  const t1 = now();
  const selection = await selector.select();
  const selectMs = now() - t1;
  await sleep(5); // the sample that ends select's last stretch
  clearInterval(sampler);
  return { readMs, selectMs, selected: selection.selected.length, longestStretchMs: longest };
}
result.workerSide = await selectorStretch();

{
  const client = await freshClient();
  result.typing = await type(client, () => true, EDITS);
  client.dispose();
}
{
  const client = await freshClient();
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  result.scan = await scan(client, true);
  h.disable();
  result.scan.mainThreadMaxBlockMs = h.max / 1e6;
  client.dispose();
}
async function scanWhileTyping(background) {
  const client = await freshClient();
  let done = false;
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const scanning = scan(client, background, () => typing.inFlight > 0).finally(() => (done = true));
  const typing = type(client, () => done, 20);
  const [s, t] = await Promise.all([scanning, typing]);
  h.disable();
  client.dispose();
  return { scan: { ms: s.ms, analysed: s.analysed, findings: s.findings, mainThreadMaxBlockMs: h.max / 1e6, blockedMsByPhase: s.blockedMsByPhase }, typing: t };
}
result.scanWhileTyping = await scanWhileTyping(true);
if (COMPARE) result.oldProject = await scanWhileTyping(false);
load.push(loadavg().map((x) => x.toFixed(1)).join(' '));
result.loadavg = load;

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-').padStart(7);
const s = result.scan;
console.log(`scan-while-typing on ${REPO} (${result.cpus}, load ${load.join(' -> ')})`);
console.log(
  `  scan alone: ${(s.ms / 1000).toFixed(2)} s: ${s.files} files listed (${s.listMs.toFixed(0)} ms), read (${s.readMs.toFixed(0)} ms), ` +
    `selected ${s.analysed} (${s.selectMs.toFixed(0)} ms), ${s.findings} findings; engine per file median ${s.engineMsPerFile.median.toFixed(1)} ms, ` +
    `p95 ${s.engineMsPerFile.p95.toFixed(1)} ms; main thread blocked at most ${s.mainThreadMaxBlockMs.toFixed(0)} ms`,
);
const w = result.workerSide;
console.log(
  `  worker side (ScanSelector, run on this thread): read ${w.readMs.toFixed(0)} ms, select ${w.selectMs.toFixed(0)} ms (${w.selected} files); ` +
    `longest synchronous stretch reading ${w.longestStretchMs.read.toFixed(0)} ms, selecting ${w.longestStretchMs.select.toFixed(0)} ms`,
);
console.log(`  edits to a ${result.lines}-line document every ${INTERVAL} ms, latency to diagnostics (ms):`);
console.log('  while                         edits  superseded  median     p95     max');
const row = (name, t) => console.log(`  ${name.padEnd(29)} ${String(t.sent).padStart(5)} ${String(t.superseded).padStart(11)} ${f(t.ms.median)} ${f(t.ms.p95)} ${f(t.ms.max)}`);
row('no scan', result.typing);
row(`scan (${(result.scanWhileTyping.scan.ms / 1000).toFixed(2)} s)`, result.scanWhileTyping.typing);
const PHASES = { list: 'listing', read: 'reading', select: 'selecting', analyse: 'analysing', none: 'done' };
for (const [p, v] of Object.entries(result.scanWhileTyping.typing.byPhase)) row(`  sent while ${PHASES[p]}`, { sent: v.n, superseded: '', ms: v });
if (result.oldProject) row(`scan, one project (${(result.oldProject.scan.ms / 1000).toFixed(2)} s)`, result.oldProject.typing);
console.log(
  `  main thread blocked at most: scan+typing ${result.scanWhileTyping.scan.mainThreadMaxBlockMs.toFixed(0)} ms` +
    (result.oldProject ? `, one project ${result.oldProject.scan.mainThreadMaxBlockMs.toFixed(0)} ms` : ''),
);
const byPhase = (b) => Object.entries(b).map(([p, ms]) => `${PHASES[p]} ${ms.toFixed(0)}`).join(', ');
console.log(`  main thread blocked at most, per phase (ms): scan alone: ${byPhase(s.blockedMsByPhase)}; scan+typing: ${byPhase(result.scanWhileTyping.scan.blockedMsByPhase)}`);
const jsonOut = option('json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2) + '\n');
