#!/usr/bin/env node
// STAND-IN ONLY: used by bench/run.mjs while src/cli does not exist yet, so the harness (timing,
// JSON parsing, recall) can be exercised. A line-by-line regex scan, NOT front-contacts; its
// numbers must never be reported as ours. Usage: node bench/placeholder-cli.mjs check <dir> --format json
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const [, , command, dir = '.'] = process.argv;
if (command !== 'check') {
  console.error('placeholder-cli: only `check <dir> --format json` is supported');
  process.exit(2);
}
const root = resolve(dir);
const SOURCE = /\.(m|c)?(j|t)sx?$/;
let files;
const git = spawnSync('git', ['-C', root, 'ls-files', '-co', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (git.status === 0) files = git.stdout.split('\n').filter((f) => SOURCE.test(f)).map((f) => join(root, f));
else {
  files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      if (e.isDirectory()) walk(join(d, e.name));
      else if (SOURCE.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(root);
}
const TEAM = /\/teams\/[^/'"`\s]+\/contacts\b/;
const REDIRECT = /\/contacts\/(?!merge\b|custom_fields\b).*(redirect:\s*['"](manual|error)['"]|maxRedirects:\s*0|followRedirect:\s*false|follow:\s*0)|https?\.(get|request)\(.*\/contacts\//;
const findings = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (/^\s*(\/\/|\/?\*)/.test(text)) return;
    for (const [ruleId, re] of [['team-contacts-endpoint', TEAM], ['contact-redirect-disabled', REDIRECT]]) {
      const m = re.exec(text);
      if (m) findings.push({ ruleId, severity: 'error', file, range: { start: { line: i + 1, column: m.index + 1 }, end: { line: i + 1, column: m.index + m[0].length + 1 } } });
    }
  });
}
process.stdout.write(JSON.stringify({ findings }) + '\n');
process.exitCode = findings.length ? 1 : 0;
