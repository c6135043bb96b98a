#!/usr/bin/env node
// The floor under `check` on a small repository: what a checker built on Node and TypeScript's parser pays
// before any rule runs, measured step by step in the same script as ast-grep and our full `check`, on the same
// generated repository as bench/run.mjs. Each step is a separate process that does one thing more:
//   node start        Node starts and exits (the probe script, nothing else)
//   + TypeScript      loads the compiler, through the CLI's loader and its V8 code cache
//   + read all files  lists the repository (the CLI's discovery, .gitignore honoured) and reads every file
//   + parse hit files parses, cold, the files that hold a planted hit (any checker must parse at least those)
//   check             our whole run (bin/front-contacts.js check --format json)
//   ast-grep          the peer (bench/ast-grep rules), as in bench/run.mjs
// Prints each step's median wall time and its ratio to ast-grep: when "+ parse hit files" alone is above 0.5x,
// no checker on Node + TypeScript's parser can be at 0.5x ast-grep at that size on this machine.
//
// Usage: node bench/floor.mjs [--size 1000] [--runs 5] [--seed 1] [--cli "<command>"] [--json FILE]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateRepo, parseSize, WORK_DIR } from './generate.mjs';
import { measure } from './lib/measure.mjs';
import { astGrepTool } from './run.mjs';
import { option } from './lib/args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = parseSize(option('size', '1000'));
const RUNS = Number(option('runs', 5));
const SEED = Number(option('seed', 1));
const CLI = option('cli', `${process.execPath} bin/front-contacts.js`).split(' ');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const manifest = generateRepo({ files: SIZE, seed: SEED });
  const repo = manifest.root;
  const manifestFile = join(repo, 'front-contacts-bench-manifest.json');
  // Inside the repository (bench/.work), so the loader finds @ts-morph/common and the code cache as dist/cli.js does.
  const probe = join(WORK_DIR, 'floor-probe.cjs');
  await build({
    entryPoints: [join(root, 'bench/lib/floor-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node18',
    external: ['@ts-morph/common'], alias: { 'ts-morph': './src/cli/typescript-loader.ts' }, absWorkingDir: root, logLevel: 'warning',
  });
  const sg = astGrepTool();
  if (sg.missing) throw new Error(sg.missing);
  const dir = relative(root, repo);
  const steps = [
    { name: 'node start', argv: [process.execPath, probe, repo, manifestFile, 'start'] },
    { name: '+ TypeScript', argv: [process.execPath, probe, repo, manifestFile, 'ts'] },
    { name: '+ read all files', argv: [process.execPath, probe, repo, manifestFile, 'read'] },
    { name: '+ parse hit files', argv: [process.execPath, probe, repo, manifestFile, 'parse'], floor: true },
    { name: 'check (ours)', argv: [...CLI, 'check', dir, '--format', 'json'] },
    { name: 'ast-grep', argv: sg.argv(dir), peer: true },
  ];
  const hitFiles = new Set(manifest.hits.map((h) => h.file)).size;
  console.log(`floor under check — ${SIZE} files (${hitFiles} with planted hits), node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, 1 warm-up + median of ${RUNS} runs, load ${loadavg()[0].toFixed(2)}`);
  const samples = new Map(steps.map((s) => [s.name, []]));
  for (let round = -1; round < RUNS; round++) {
    for (const s of steps) {
      const r = await measure(s.argv, { cwd: root });
      if (r.exit !== 0 && r.exit !== 1) throw new Error(`${s.name} failed (exit ${r.exit}):\n${r.stderr.slice(-2000)}`);
      if (round >= 0) samples.get(s.name).push(r.wallMs);
    }
  }
  const peer = median(samples.get('ast-grep'));
  const rows = steps.map((s) => ({ step: s.name, wallMs: median(samples.get(s.name)), ratio: median(samples.get(s.name)) / peer }));
  console.log(`\n  ${'step'.padEnd(20)} ${'wall (median)'.padEnd(14)} / ast-grep`);
  for (const r of rows) console.log(`  ${r.step.padEnd(20)} ${`${(r.wallMs / 1000).toFixed(3)} s`.padEnd(14)} ${r.ratio.toFixed(2)}x`);
  const floor = rows.find((r) => r.step === '+ parse hit files');
  console.log(`\n  the floor (Node start + TypeScript + reading every file + parsing only the ${hitFiles} hit files) is ${floor.ratio.toFixed(2)}x ast-grep's wall time: ` +
    (floor.ratio > 0.5 ? 'above 0.5x, so 0.5x is out of reach for a checker built on Node and TypeScript\'s parser at this size here' : 'below 0.5x'));
  console.log(`  load average (1 min) after: ${loadavg()[0].toFixed(2)}`);
  const json = option('json', undefined);
  if (json) writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), size: SIZE, seed: SEED, runs: RUNS, rows }, null, 1) + '\n');
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 2;
});
