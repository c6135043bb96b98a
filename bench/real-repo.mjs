#!/usr/bin/env node
// The fixed cost on a real repository: `front-contacts check <dir>` against ast-grep (bench/ast-grep rules) on the
// same folder, in the same script, tools interleaved: one warm-up round, then --runs rounds; median wall time, CPU
// time and peak RSS, and the ratio ours/ast-grep. Meant for whole applications WITHOUT Front code (the findings
// must be zero: any finding is printed and the script exits 1), where what we pay is listing, reading and
// pre-filtering files, never the parser.
//
// Usage: node bench/real-repo.mjs --dir <folder> [--runs 5] [--warmup 1] [--cli "<command>"] [--no-build]
// The folder should be a git work tree, as a real checkout is (`git init -q && git add -A && git commit -qm x` on an
// unpacked archive): discovery asks git what is ignored, and may list through it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './lib/measure.mjs';
import { astGrepTool } from './run.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
if (args.includes('--help') || args.includes('-h')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 10).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const dir = option('dir') && resolve(option('dir'));
if (!dir || !existsSync(dir)) throw new Error('--dir <folder> is required and must exist');
const runs = Number(option('runs', 5));
const warmup = Number(option('warmup', 1));
const cli = option('cli');

if (!cli && !args.includes('--no-build')) {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { encoding: 'utf8', cwd: root });
  if (b.status !== 0) throw new Error(`build failed:\n${b.stderr}`);
}
const ours = { name: 'front-contacts', argv: () => (cli ? cli.split(' ') : [process.execPath, join(root, 'bin/front-contacts.js')]).concat(['check', dir, '--format', 'json']) };
const astGrep = astGrepTool();
if (!astGrep) throw new Error('ast-grep is not installed (npm ci installs it as a devDependency)');
const tools = [ours, { name: 'ast-grep', argv: () => astGrep.argv(dir) }];

const samples = new Map(tools.map((t) => [t.name, []]));
for (let round = 0; round < warmup + runs; round++) {
  for (const tool of tools) {
    const r = await measure(tool.argv(), { cwd: root });
    if (tool === ours) {
      if (r.exit !== 0 && r.exit !== 1) throw new Error(`front-contacts exited ${r.exit}:\n${r.stderr}`);
      const findings = JSON.parse(r.stdout).flatMap((f) => f.findings ?? f.messages ?? (f.ruleId ? [f] : []));
      if (findings.length) {
        console.error(`front-contacts reported ${findings.length} finding(s) in a repository without Front code:`);
        for (const f of findings.slice(0, 10)) console.error(`  ${f.file ?? ''}:${f.line ?? ''} ${f.ruleId ?? f.rule ?? ''}`);
        process.exitCode = 1;
      }
    }
    if (round >= warmup) samples.get(tool.name).push(r);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name) => {
  const rs = samples.get(name);
  return { wall: median(rs.map((r) => r.wallMs)) / 1000, cpu: rs[0].cpuS === undefined ? undefined : median(rs.map((r) => r.cpuS)), rss: median(rs.map((r) => r.rssKb ?? 0)) / 1024, min: Math.min(...rs.map((r) => r.wallMs)) / 1000, max: Math.max(...rs.map((r) => r.wallMs)) / 1000 };
};
const a = row('front-contacts');
const b = row('ast-grep');
const fmt = (x) => (x === undefined ? '—' : x.toFixed(3));
console.log(`${dir}: ${warmup} warm-up + median of ${runs}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| tool | wall median (min–max) | CPU | peak RSS |');
console.log('|---|---|---|---|');
for (const [name, r] of [['front-contacts', a], ['ast-grep', b]]) console.log(`| ${name} | ${fmt(r.wall)} s (${fmt(r.min)}–${fmt(r.max)}) | ${fmt(r.cpu)} s | ${r.rss.toFixed(0)} MiB |`);
console.log(`ours/ast-grep: wall ${(a.wall / b.wall).toFixed(2)}×${a.cpu !== undefined ? `, CPU ${(a.cpu / b.cpu).toFixed(2)}×` : ''}`);
