/**
 * docs/github-actions.md stays true: the `front-contacts` commands of its workflow run (as the
 * workflow's bash would run them) on a copy of examples/legacy-app and produce what the next steps
 * read, and its rdjson example is the CLI's real output for that app.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, runCli } from './cli/helpers';

const ROOT = path.resolve(__dirname, '..');
const DOC = readFileSync(path.join(ROOT, 'docs', 'github-actions.md'), 'utf8');

function fenced(lang: string): string[] {
  return [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** The `run:` scripts of the workflow (single line or `|` blocks), with their step names. */
function runScripts(yaml: string): { name: string; script: string }[] {
  const lines = yaml.split('\n');
  const out: { name: string; script: string }[] = [];
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const nameMatch = /^\s*-?\s*name:\s*(.+)$/.exec(lines[i]);
    if (nameMatch) name = nameMatch[1];
    const m = /^(\s*)(?:-\s*)?run:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[2] !== '|') {
      out.push({ name, script: m[2] });
      continue;
    }
    const body: string[] = [];
    const indent = m[1].length;
    for (i++; i < lines.length && (lines[i].trim() === '' || lines[i].search(/\S/) > indent); i++) body.push(lines[i]);
    i--;
    const strip = Math.min(...body.filter((l) => l.trim()).map((l) => l.search(/\S/)));
    out.push({ name, script: body.map((l) => l.slice(strip)).join('\n').trim() });
  }
  return out;
}

/** Runs a workflow script with GitHub's default shell, `npx front-contacts` being this checkout's bin. */
function bash(script: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const shim = `npx() { if [ "$1" = front-contacts ]; then shift; node ${JSON.stringify(BIN)} "$@"; else command npx "$@"; fi; }\n`;
  return new Promise((resolve) => {
    execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', shim + script], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

function legacyApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-docs-'));
  cpSync(path.join(ROOT, 'examples', 'legacy-app'), dir, { recursive: true });
  return dir;
}

beforeAll(ensureBuilt, 180_000);

describe('docs/github-actions.md', () => {
  const [workflow] = fenced('yaml');
  const scripts = runScripts(workflow);

  it('has one workflow with the SARIF upload and the reviewdog review', () => {
    expect(fenced('yaml')).toHaveLength(1);
    expect(workflow).toContain('uses: github/codeql-action/upload-sarif@v4');
    expect(workflow).toContain('sarif_file: results.sarif');
    expect(workflow).toMatch(/security-events: write/);
    expect(workflow).toMatch(/pull-requests: write/);
    expect(scripts.map((s) => s.script).join('\n')).toContain('reviewdog -f=rdjson -name=front-contacts -reporter=github-pr-review');
  });

  it('the SARIF step writes results.sarif for the upload step (and exits 1 on findings)', async () => {
    const step = scripts.find((s) => s.script.includes('--format sarif'))!;
    expect(step.script).toBe('npx front-contacts check --format sarif --output results.sarif');
    const dir = legacyApp();
    const r = await bash(step.script, dir);
    expect(r.code).toBe(1); // continue-on-error lets the upload run; the last step fails the job
    const sarif = JSON.parse(readFileSync(path.join(dir, 'results.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
  });

  it('the rdjson step passes findings on to reviewdog, valid against its schema, and still fails on usage errors', async () => {
    const step = scripts.find((s) => s.script.includes('--format rdjson'))!;
    const dir = legacyApp();
    const r = await bash(step.script, dir);
    expect(r.code).toBe(0);
    const file = path.join(dir, 'front-contacts.rdjson');
    expect(existsSync(file)).toBe(true);
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test', 'schemas', 'reviewdog-DiagnosticResult.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { diagnostics: { suggestions?: unknown[] }[] };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.diagnostics.filter((d) => d.suggestions?.length).length).toBeGreaterThan(0);
    // a broken config (exit 2) must fail the step instead of posting an empty review
    const broken = legacyApp();
    const bad = await bash(`echo '{"rules": {"nope": "off"}}' > front-contacts.config.json\n${step.script}`, broken);
    expect(bad.code).toBe(2);
  });

  it('its rdjson example is the real output for examples/legacy-app', async () => {
    const [example] = fenced('json');
    const shown = JSON.parse(example) as { source: unknown; diagnostics: unknown[] };
    const r = await runCli(path.join(ROOT, 'examples', 'legacy-app'), ['check', '--format', 'rdjson', 'src/front/routes.ts']);
    const real = JSON.parse(r.stdout) as { source: unknown; diagnostics: unknown[] };
    expect(shown.source).toEqual(real.source);
    expect(shown.diagnostics).toEqual([real.diagnostics[0]]);
  });
});
