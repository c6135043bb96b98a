#!/usr/bin/env node
// Runs `front-contacts check examples/legacy-app --format json` and compares the findings with the two
// tables of examples/legacy-app/README.md ("must find" / "must not flag"), so the README stays true.
// Usage: node examples/check.mjs [--cli "node bin/front-contacts.js"]
// Exit 0 when every listed finding is reported and nothing is reported on a must-not line.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFindings } from '../bench/lib/findings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples', 'legacy-app');
const cliArg = process.argv.indexOf('--cli');
const cli = cliArg > 0 ? process.argv[cliArg + 1].split(' ') : [process.execPath, join(root, 'bin', 'front-contacts.js')];

/** Rows of the markdown table that follows `heading`, as arrays of cell texts without backticks. */
function tableAfter(markdown, heading) {
  const lines = markdown.split('\n');
  let i = lines.findIndex((l) => l.startsWith('## ') && l.includes(heading));
  if (i < 0) throw new Error(`README has no section "${heading}"`);
  while (i < lines.length && !lines[i].startsWith('|')) i++;
  const rows = [];
  for (i += 2; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(lines[i].split('|').slice(1, -1).map((c) => c.trim().replace(/^`+\s?|\s?`+$/g, '')));
  return rows;
}
const span = (text) => {
  const [a, b = a] = text.split(/[–-]/).map(Number);
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Error(`bad line range "${text}" in README`);
  return [a, b];
};

const readme = readFileSync(join(app, 'README.md'), 'utf8');
const mustFind = tableAfter(readme, 'must find').map(([rule, file, lines]) => ({ rule, file, lines: span(lines) }));
const mustNot = tableAfter(readme, 'must not flag').map(([file, lines, rule]) => ({ file, lines: span(lines), rule }));

const run = spawnSync(cli[0], [...cli.slice(1), 'check', app, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
if (run.error || ![0, 1].includes(run.status)) {
  console.error(`check failed to run (exit ${run.status}): ${run.error?.message ?? run.stderr}`);
  process.exit(2);
}
const findings = parseFindings(run.stdout, root);
const rel = (f) => relative(app, f).split('\\').join('/');
const at = (f, file, [a, b]) => rel(f.file) === file && f.line >= a && f.line <= b;

let failures = 0;
for (const want of mustFind) {
  const hit = findings.find((f) => f.ruleId === want.rule && at(f, want.file, want.lines));
  console.log(`${hit ? 'ok     ' : 'MISSING'} ${want.rule} ${want.file}:${want.lines.join('-')}`);
  if (!hit) failures++;
}
for (const quiet of mustNot) {
  for (const f of findings.filter((f) => at(f, quiet.file, quiet.lines) && (quiet.rule === 'any' || quiet.rule === f.ruleId))) {
    console.log(`FALSE+  ${f.ruleId} ${rel(f.file)}:${f.line} (README says quiet: ${quiet.file}:${quiet.lines.join('-')})`);
    failures++;
  }
}
const listed = (f) => mustFind.some((w) => w.rule === f.ruleId && at(f, w.file, w.lines));
for (const f of findings.filter((f) => !listed(f))) console.log(`extra   ${f.ruleId} ${rel(f.file)}:${f.line} (not in the README)`);
console.log(`${findings.length} findings, ${mustFind.length} expected, ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
