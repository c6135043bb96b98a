#!/usr/bin/env node
// Benchmarks `front-contacts check` against ast-grep (bench/ast-grep rules) and, when installed, rg
// on the generated repositories of bench/generate.mjs, in the same script and on the same files:
// one warm-up run per tool, then --runs rounds (tools interleaved), reporting the median wall time,
// CPU time and peak RSS, the ratio ours/ast-grep, and each tool's recall against the manifest.
//
// Usage: node bench/run.mjs [--sizes 5000[,10000,…]] [--runs 5] [--warmup 1] [--seed 1]
//                           [--tools front-contacts,ast-grep,rg] [--cli "<command>"] [--no-build]
//                           [--json FILE]
// Exit 1 when front-contacts misses a planted hit or reports anything outside the hit lines.
import { GNU_TIME } from './lib/gnu-time.mjs';
import { measure } from './lib/measure.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, parseSize, WORK_DIR } from './generate.mjs';
import { parseFindings } from './lib/findings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = { sizes: [5000], runs: 5, warmup: 1, seed: 1, tools: ['front-contacts', 'ast-grep', 'rg'], cli: undefined, build: true, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--sizes') o.sizes = val().split(',').map(parseSize);
    else if (a === '--runs') o.runs = Number(val());
    else if (a === '--warmup') o.warmup = Number(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--tools') o.tools = val().split(',');
    else if (a === '--cli') o.cli = val();
    else if (a === '--no-build') o.build = false;
    else if (a === '--json') o.json = val();
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 10).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.runs >= 1) || !(o.warmup >= 0)) throw new Error('--runs must be >= 1 and --warmup >= 0');
  return o;
}

// ------------------------------------------------------------------------------------------------
// Tools

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts });

/** Our CLI when src/cli exists (built first), otherwise the labelled stand-in. */
function ourTool(opts) {
  if (opts.cli) return { name: 'front-contacts', label: `custom: ${opts.cli}`, argv: (dir) => [...opts.cli.split(' '), 'check', dir, '--format', 'json'], parse: (out) => parseFindings(out, root), placeholder: false };
  const real = existsSync(join(root, 'src/cli/main.ts')) || existsSync(join(root, 'dist/cli.js'));
  if (real) {
    if (opts.build && existsSync(join(root, 'src/cli/main.ts'))) {
      const b = run(process.execPath, [join(root, 'scripts/build.mjs')]);
      if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stderr}`);
    }
    return { name: 'front-contacts', label: 'node bin/front-contacts.js', argv: (dir) => [process.execPath, 'bin/front-contacts.js', 'check', dir, '--format', 'json'], parse: (out) => parseFindings(out, root), placeholder: false };
  }
  return { name: 'front-contacts', label: 'PLACEHOLDER (bench/placeholder-cli.mjs; src/cli not written yet)', argv: (dir) => [process.execPath, 'bench/placeholder-cli.mjs', 'check', dir, '--format', 'json'], parse: (out) => parseFindings(out, root), placeholder: true };
}

/** node_modules/.bin/ast-grep, or the platform package's binary when npm skipped the postinstall. */
export function astGrepTool() {
  const candidates = [join(root, 'node_modules/.bin/ast-grep'), join(root, `node_modules/@ast-grep/cli-${process.platform}-${process.arch}-gnu/ast-grep`), join(root, `node_modules/@ast-grep/cli-${process.platform}-${process.arch}/ast-grep`)];
  for (const bin of candidates) {
    if (!existsSync(bin)) continue;
    const v = run(bin, ['--version']);
    if (v.status === 0) {
      return {
        name: 'ast-grep', label: `${relative(root, bin)} (${v.stdout.trim()})`, version: v.stdout.trim(),
        argv: (dir) => [bin, 'scan', '-c', 'bench/ast-grep/sgconfig.yml', dir, '--json=compact'],
        parse: (out) => JSON.parse(out).map((m) => ({ ruleId: m.ruleId.replace(/-(ts|tsx|js)$/, ''), file: resolve(root, m.file), line: m.range.start.line + 1, endLine: m.range.end.line + 1 })),
      };
    }
  }
  return { name: 'ast-grep', missing: 'no runnable ast-grep binary under node_modules (run npm ci)' };
}

const RG_TEAM = String.raw`/teams/[^/'"\x60\s]+/contacts\b`;
const RG_REDIRECT = String.raw`/contacts/.*(redirect:\s*['"](manual|error)['"]|maxRedirects:\s*0|followRedirect:\s*false|follow:\s*0)|https?\.(get|request)\(.*/contacts/`;
function rgTool() {
  const v = run('rg', ['--version']);
  if (v.error || v.status !== 0) return { name: 'rg', missing: 'rg not installed (Debian package ripgrep); skipped' };
  const team = new RegExp(RG_TEAM.replace('\\x60', '`'));
  return {
    name: 'rg', label: `rg (${v.stdout.split('\n')[0]})`, version: v.stdout.split('\n')[0],
    argv: (dir) => ['rg', '-n', '--no-heading', '--with-filename', '--color', 'never', '-g', '*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}', '-e', RG_TEAM, '-e', RG_REDIRECT, dir],
    parse: (out) => out.split('\n').filter(Boolean).map((l) => {
      const m = /^(.*?):(\d+):(.*)$/.exec(l);
      return { ruleId: team.test(m[3]) ? 'team-contacts-endpoint' : 'contact-redirect-disabled', file: resolve(root, m[1]), line: Number(m[2]), endLine: Number(m[2]) };
    }),
  };
}

// ------------------------------------------------------------------------------------------------
// Recall and precision against the manifest.

export function evaluate(findings, manifest) {
  const rel = (f) => relative(manifest.root, f).split('\\').join('/');
  const byFile = new Map();
  for (const f of findings) {
    const k = rel(f.file);
    if (!byFile.has(k)) byFile.set(k, []);
    byFile.get(k).push(f);
  }
  const hitFiles = new Set(manifest.hits.map((h) => h.file));
  const nearFiles = new Set(manifest.nearMissFiles.map((n) => n.file));
  const ignored = new Set(manifest.ignoredFiles);
  const matched = new Set();
  const missed = [];
  for (const h of manifest.hits) {
    const f = (byFile.get(h.file) ?? []).find((f) => f.ruleId === h.rule && f.line <= h.line && h.line <= Math.max(f.line, f.endLine));
    if (f) matched.add(f);
    else missed.push(h);
  }
  const fp = { nearMiss: [], ignored: [], unrelated: [] };
  let extraInHitFiles = 0;
  for (const [file, list] of byFile) {
    if (hitFiles.has(file)) extraInHitFiles += list.filter((f) => !matched.has(f)).length;
    else if (nearFiles.has(file)) fp.nearMiss.push(...list.map((f) => ({ file, line: f.line, ruleId: f.ruleId })));
    else if (ignored.has(file)) fp.ignored.push(...list.map((f) => ({ file, line: f.line, ruleId: f.ruleId })));
    else fp.unrelated.push(...list.map((f) => ({ file, line: f.line, ruleId: f.ruleId })));
  }
  const missedByStyle = {};
  for (const h of missed) missedByStyle[h.style] = (missedByStyle[h.style] ?? 0) + 1;
  return { findings: findings.length, found: manifest.hits.length - missed.length, planted: manifest.hits.length, missed, missedByStyle, fp, extraInHitFiles, pass: missed.length === 0 && !fp.nearMiss.length && !fp.ignored.length && !fp.unrelated.length };
}

// ------------------------------------------------------------------------------------------------

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmtS = (ms) => (ms === undefined ? 'n/a' : (ms / 1000).toFixed(2) + ' s');
const fmtMiB = (kb) => (kb === undefined ? 'n/a' : (kb / 1024).toFixed(0) + ' MiB');
const pad = (s, n) => String(s).padEnd(n);

async function benchSize(files, opts, tools) {
  const manifest = generateRepo({ files, seed: opts.seed });
  const dir = relative(root, manifest.root);
  console.log(`\n== ${files} files, ${(manifest.bytes / 1048576).toFixed(1)} MiB, ${manifest.hits.length} planted hits in ${manifest.kinds.hit} files, ${manifest.nearMissFiles.length} near-miss files, ${manifest.ignoredFiles.length} git-ignored files with hits (seed ${opts.seed}) — ${dir}`);
  const loadBefore = loadavg()[0];
  if (loadBefore > cpus().length) console.log(`  note: 1-minute load average is ${loadBefore.toFixed(1)} on ${cpus().length} cores; other work competes with the runs (wall times inflate more than CPU times)`);
  const samples = new Map(tools.map((t) => [t.name, []]));
  const quality = new Map();
  for (let round = -opts.warmup; round < opts.runs; round++) {
    for (const tool of tools) {
      const r = await measure(tool.argv(dir), { cwd: root });
      if (r.exit !== 0 && r.exit !== 1) throw new Error(`${tool.name} failed (exit ${r.exit}) on ${dir}:\n${r.stderr.slice(-2000)}`);
      const findings = tool.parse(r.stdout);
      if (!quality.has(tool.name)) quality.set(tool.name, evaluate(findings, manifest));
      else if (quality.get(tool.name).findings !== findings.length) quality.get(tool.name).unstable = true;
      if (round >= 0) samples.get(tool.name).push(r);
      process.stdout.write(`  ${round < 0 ? 'warm-up' : `run ${round + 1}/${opts.runs}`} ${pad(tool.name, 15)} ${fmtS(r.wallMs)}\n`);
    }
  }
  const rows = tools.map((t) => {
    const s = samples.get(t.name);
    const q = quality.get(t.name);
    return {
      tool: t.name, label: t.label, placeholder: !!t.placeholder,
      wallMs: median(s.map((x) => x.wallMs)), wallMinMs: Math.min(...s.map((x) => x.wallMs)), wallMaxMs: Math.max(...s.map((x) => x.wallMs)),
      cpuS: median(s.map((x) => (x.userS ?? NaN) + (x.sysS ?? NaN))), rssKb: median(s.map((x) => x.rssKb)), rssMaxKb: Math.max(...s.map((x) => x.rssKb ?? 0)) || undefined,
      quality: q,
    };
  });
  console.log(`\n  ${pad('tool', 15)} ${pad('wall median (min–max)', 26)} ${pad('cpu', 9)} ${pad('peak RSS', 9)} ${pad('findings', 9)} ${pad('recall', 9)} false+ near/ignored/other`);
  for (const r of rows) {
    const q = r.quality;
    console.log(`  ${pad(r.tool, 15)} ${pad(`${fmtS(r.wallMs)} (${(r.wallMinMs / 1000).toFixed(2)}–${(r.wallMaxMs / 1000).toFixed(2)})`, 26)} ${pad(r.cpuS === undefined ? 'n/a' : r.cpuS.toFixed(2) + ' s', 9)} ${pad(fmtMiB(r.rssKb), 9)} ${pad(q.findings, 9)} ${pad(`${q.found}/${q.planted}`, 9)} ${q.fp.nearMiss.length}/${q.fp.ignored.length}/${q.fp.unrelated.length}${q.unstable ? '  (finding count varied between runs!)' : ''}`);
    if (q.missed.length) console.log(`  ${' '.repeat(15)} missed by style: ${Object.entries(q.missedByStyle).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const fps = [...q.fp.nearMiss, ...q.fp.ignored, ...q.fp.unrelated];
    for (const f of fps.slice(0, 5)) console.log(`  ${' '.repeat(15)} false+: ${f.ruleId} ${f.file}:${f.line}`);
    if (fps.length > 5) console.log(`  ${' '.repeat(15)} … ${fps.length - 5} more false positives`);
  }
  const ours = rows.find((r) => r.tool === 'front-contacts');
  const sg = rows.find((r) => r.tool === 'ast-grep');
  let ratio;
  if (ours && sg) {
    ratio = { wall: ours.wallMs / sg.wallMs, cpu: ours.cpuS / sg.cpuS, rss: ours.rssKb / sg.rssKb };
    console.log(`\n  ratio front-contacts / ast-grep: wall ${ratio.wall.toFixed(2)}x, cpu ${Number.isFinite(ratio.cpu) ? ratio.cpu.toFixed(2) + 'x' : 'n/a'}, peak RSS ${Number.isFinite(ratio.rss) ? ratio.rss.toFixed(2) + 'x' : 'n/a'}${ours.placeholder ? '   (PLACEHOLDER, not our CLI)' : ''}`);
  }
  const load = [loadBefore, loadavg()[0]].map((x) => Number(x.toFixed(2)));
  console.log(`  load average (1 min) before/after: ${load.join(' / ')}`);
  return { files, bytes: manifest.bytes, load, planted: manifest.hits.length, hitFiles: manifest.kinds.hit, nearMissFiles: manifest.nearMissFiles.length, rows, ratio };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = { ours: ourTool(opts), 'ast-grep': astGrepTool(), rg: rgTool() };
  all['front-contacts'] = all.ours;
  const tools = [];
  for (const name of opts.tools) {
    const t = all[name];
    if (!t) throw new Error(`unknown tool ${name} (front-contacts, ast-grep, rg)`);
    if (t.missing) console.log(`${name}: ${t.missing}`);
    else tools.push(t);
  }
  const head = run('git', ['rev-parse', '--short', 'HEAD']).stdout?.trim();
  const env = { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, commit: head, measuredWith: GNU_TIME ? '/usr/bin/time -v' : '/proc VmHWM sampling (no CPU time)' };
  console.log(`front-contacts bench — node ${env.node}, ${env.cores} × ${env.cpu}, commit ${head}, ${opts.warmup} warm-up + median of ${opts.runs} runs, ${env.measuredWith}`);
  for (const t of tools) console.log(`  ${pad(t.name, 15)} ${t.label}`);
  if (all.ours.placeholder && opts.tools.includes('front-contacts')) console.log('\n  WARNING: src/cli does not exist yet; "front-contacts" rows below are the regex PLACEHOLDER, not our CLI.');
  const results = [];
  for (const size of opts.sizes) results.push(await benchSize(size, opts, tools));
  const record = { date: new Date().toISOString(), env, opts: { ...opts, cli: opts.cli ?? null }, results };
  const jsonPath = opts.json ?? join(WORK_DIR, 'results.json');
  writeFileSync(jsonPath, JSON.stringify(record, (k, v) => (k === 'missed' ? v.slice(0, 50) : v), 1) + '\n');
  console.log(`\nresults written to ${relative(root, jsonPath)}`);
  const ours = results.flatMap((r) => r.rows.filter((x) => x.tool === 'front-contacts' && !x.placeholder));
  if (ours.some((r) => !r.quality.pass)) {
    console.log('FAIL: front-contacts missed planted hits or reported outside them (see above)');
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e) => {
    console.error(`bench: ${e.message}`);
    process.exitCode = 2;
  });
