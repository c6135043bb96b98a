#!/usr/bin/env node
// Measures what `check --cache` and worker threads buy on the generated repository of
// bench/generate.mjs (same files as bench/run.mjs): in one script, interleaved, median of --runs:
//   cold, 1 thread        check <repo> --format json --workers 0
//   cold, workers         check <repo> --format json --workers N   (N = one per core, up to 4: what the automatic
//                                                                   mode uses above its threshold of files)
//   cold + writing cache  check <repo> --format json --cache        (no cache file yet: hashing + writing cost;
//                                                                   threads automatic, as in the warm runs)
//   warm cache            check <repo> --format json --cache        (nothing changed since the cache was written)
//   warm, 1 import edited the same, after appending a comment to a Front config module that integrations import
// and checks that every configuration prints the same report. Numbers of files selected / analysed /
// taken from the cache come from the CLI's --debug line. Per-thread CPU is sampled from /proc for the
// "idle est." column (see idleEstimate below).
//
// Usage: node bench/cache-and-workers.mjs [--size 5000] [--runs 3] [--seed 1] [--no-build] [--json FILE]
import { GNU_TIME } from './lib/gnu-time.mjs';
import { measure as measureProcess } from './lib/measure.mjs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, parseSize } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { size: 5000, runs: 3, seed: 1, build: true, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--size') o.size = parseSize(val());
    else if (a === '--runs') o.runs = Number(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--no-build') o.build = false;
    else if (a === '--json') o.json = val();
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 14).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.runs >= 1)) throw new Error('--runs must be >= 1');
  return o;
}

const scratch = mkdtempSync(join(tmpdir(), 'front-contacts-cache-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Runs one command (bench/lib/measure.mjs) and adds the CLI's --debug counts and the idle-machine estimate. */
async function measure(argv) {
  const threads = new Map();
  // NODE_PATH: the snapshot of the build (below) finds ts-morph in the repository's node_modules.
  const r = await measureProcess(argv, { cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, sample: (pid) => sampleThreads(pid, threads), sampleMs: 20 });
  const m = /debug: (\d+) files, (\d+) selected, (\d+) analysed, (\d+) from cache, (\d+) worker threads?/.exec(r.stderr);
  const counts = m ? { files: +m[1], selected: +m[2], analysed: +m[3], cached: +m[4], threads: +m[5] } : undefined;
  return { wallMs: r.wallMs, cpuS: r.cpuS, rssKb: r.rssKb, exit: r.exit, stdout: r.stdout, stderr: r.stderr, counts, idleMs: idleEstimate(threads, counts?.threads ?? 0) };
}

// Per-thread CPU time, sampled from /proc (Linux): on a machine shared with other work, wall times say
// little about what a second thread buys, so each run also gets an estimate of its wall time on an
// idle machine with a core per thread: the main thread's CPU time plus the busiest worker's (the main
// thread waits while the workers run; V8's GC helper threads run alongside and are left out).
const TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100);

function sampleThreads(pid, threads) {
  let node = pid;
  if (GNU_TIME) {
    try {
      node = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]) || undefined;
    } catch {
      return;
    }
  }
  if (!node) return;
  let tids;
  try {
    tids = readdirSync(`/proc/${node}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${node}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(`${node}/${tid}`, { main: Number(tid) === node, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // the thread ended
    }
  }
}

function idleEstimate(threads, workers) {
  const list = [...threads.values()];
  const main = list.find((t) => t.main);
  if (!main) return undefined;
  const busiest = list.filter((t) => !t.main).map((t) => t.ms).sort((a, b) => b - a).slice(0, workers);
  return main.ms + (busiest[0] ?? 0);
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const pad = (s, n) => String(s).padEnd(n);

/** A Front config module that Front integrations import (the generator's first support file). */
function importedConfig(manifest) {
  const rel = manifest.supportFiles?.[0];
  return rel ? join(manifest.root, rel) : undefined;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) {
    const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stderr}`);
  }
  // Run a snapshot of the build: a rebuild of dist/ during the runs (other work on the tree) would
  // change the engine's fingerprint, and with it the cache key, in the middle of the measurement.
  const snapshot = join(scratch, 'build');
  mkdirSync(join(snapshot, 'bin'), { recursive: true });
  mkdirSync(join(snapshot, 'dist'));
  copyFileSync(join(root, 'bin/front-contacts.js'), join(snapshot, 'bin/front-contacts.js'));
  for (const f of ['cli.js', 'cli-worker.js']) copyFileSync(join(root, 'dist', f), join(snapshot, 'dist', f));
  const manifest = generateRepo({ files: opts.size, seed: opts.seed, log: () => undefined });
  const dir = relative(root, manifest.root);
  const cacheFile = join(scratch, 'cache');
  const warmCache = join(scratch, 'cache.warm');
  const edited = importedConfig(manifest);
  const cli = [process.execPath, join(snapshot, 'bin/front-contacts.js'), 'check', dir, '--format', 'json', '--debug'];
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim();
  console.log(`cache and worker threads — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, commit ${head}, median of ${opts.runs}, ${dir} (${opts.size} files, seed ${opts.seed})`);

  // The warm cache every "warm" run starts from.
  rmSync(cacheFile, { force: true });
  const fill = await measure([...cli, '--cache', '--cache-location', cacheFile]);
  if (fill.exit !== 0 && fill.exit !== 1) throw new Error(`check failed (exit ${fill.exit}):\n${fill.stderr.slice(-2000)}`);
  copyFileSync(cacheFile, warmCache);

  const configs = [
    { name: 'cold, 1 thread', argv: [...cli, '--workers', '0'] },
    { name: 'cold, workers', argv: [...cli, '--workers', String(Math.min(4, cpus().length))] },
    { name: 'cold + writing cache', argv: [...cli, '--cache', '--cache-location', cacheFile], before: () => rmSync(cacheFile, { force: true }) },
    { name: 'warm cache', argv: [...cli, '--cache', '--cache-location', cacheFile], before: () => copyFileSync(warmCache, cacheFile) },
  ];
  if (edited) {
    const original = readFileSync(edited, 'utf8');
    configs.push({
      name: 'warm, 1 import edited',
      argv: [...cli, '--cache', '--cache-location', cacheFile],
      before: () => {
        copyFileSync(warmCache, cacheFile);
        writeFileSync(edited, `${original}// edited\n`);
      },
      after: () => writeFileSync(edited, original),
    });
  }
  const samples = new Map(configs.map((c) => [c.name, []]));
  const loadBefore = loadavg()[0];
  for (let round = 0; round < opts.runs; round++) {
    for (const c of configs) {
      c.before?.();
      let r;
      try {
        r = await measure(c.argv);
      } finally {
        c.after?.();
      }
      if (r.exit !== 0 && r.exit !== 1) throw new Error(`${c.name} failed (exit ${r.exit}):\n${r.stderr.slice(-2000)}`);
      samples.get(c.name).push(r);
      process.stdout.write(`  run ${round + 1}/${opts.runs} ${pad(c.name, 24)} ${fmt(r.wallMs)}\n`);
    }
  }
  const load = [loadBefore, loadavg()[0]].map((x) => Number(x.toFixed(2)));
  const reference = samples.get('cold, 1 thread')[0].stdout;
  const rows = configs.map((c) => {
    const s = samples.get(c.name);
    const same = s.every((r) => r.stdout === reference);
    return { name: c.name, wallMs: median(s.map((r) => r.wallMs)), wallMinMs: Math.min(...s.map((r) => r.wallMs)), wallMaxMs: Math.max(...s.map((r) => r.wallMs)), cpuS: median(s.map((r) => r.cpuS)), idleMs: median(s.map((r) => r.idleMs)), rssKb: median(s.map((r) => r.rssKb)), counts: s[0].counts, sameReport: same };
  });
  console.log(`\n  ${pad('configuration', 24)} ${pad('wall median (min–max)', 24)} ${pad('CPU', 9)} ${pad('idle est.', 10)} ${pad('peak RSS', 9)} ${pad('analysed/selected', 18)} ${pad('threads', 8)} same report`);
  for (const r of rows)
    console.log(`  ${pad(r.name, 24)} ${pad(`${fmt(r.wallMs)} (${(r.wallMinMs / 1000).toFixed(2)}–${(r.wallMaxMs / 1000).toFixed(2)})`, 24)} ${pad(r.cpuS === undefined ? 'n/a' : `${r.cpuS.toFixed(2)} s`, 9)} ${pad(fmt(r.idleMs), 10)} ${pad(r.rssKb ? `${(r.rssKb / 1024).toFixed(0)} MiB` : 'n/a', 9)} ${pad(r.counts ? `${r.counts.analysed}/${r.counts.selected}` : '?', 18)} ${pad(r.counts?.threads ?? '?', 8)} ${r.sameReport ? 'yes' : 'NO'}`);
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  const ratio = (a, b, k = 'wallMs') => (by[a] && by[b] && by[a][k] && by[b][k] ? (by[a][k] / by[b][k]).toFixed(2) : 'n/a');
  // Writing the cache is compared with the cold run on as many threads (the cache runs choose automatically).
  const sameThreads = rows.find((r) => r.name.startsWith('cold, ') && r.counts?.threads === by['cold + writing cache']?.counts?.threads)?.name ?? 'cold, 1 thread';
  console.log(`\n  wall: workers / 1 thread ${ratio('cold, workers', 'cold, 1 thread')}×, warm cache / cold (1 thread) ${ratio('warm cache', 'cold, 1 thread')}×, writing the cache / ${sameThreads} ${ratio('cold + writing cache', sameThreads)}×`);
  console.log(`  idle-machine estimate: workers / 1 thread ${ratio('cold, workers', 'cold, 1 thread', 'idleMs')}×, warm cache / cold (1 thread) ${ratio('warm cache', 'cold, 1 thread', 'idleMs')}×`);
  if (edited) console.log(`  edited import: ${relative(root, edited)}`);
  console.log(`  cache file: ${(readFileSync(warmCache).length / 1024).toFixed(0)} KiB; load average (1 min) before/after: ${load.join(' / ')} on ${cpus().length} cores`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, commit: head, opts, load, rows }, null, 1) + '\n');
  if (rows.some((r) => !r.sameReport)) {
    console.log('FAIL: a configuration printed a different report');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 2;
});
