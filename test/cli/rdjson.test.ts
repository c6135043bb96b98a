/**
 * `check --format rdjson` (reviewdog's Diagnostic Format): validated against reviewdog's published
 * JSON schema (test/schemas/, draft-04) and a strict copy of it (reviewdog parses rdjson with protojson,
 * which rejects unknown fields), on real engine output for fixture files; and its suggestions, applied
 * the way reviewdog renders GitHub suggested changes (whole lines, UTF-8 byte columns), must turn each
 * file into what `front-contacts fix` writes.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRdjson, type RdDiagnostic, type RdDiagnosticResult, type RdSuggestion } from '../../src/cli/formats/rdjson';
import type { CheckReport } from '../../src/cli/report';
import type { Finding, TextEdit } from '../../src/core/types';
import { lineStarts, offsetToPosition } from '../../src/core/positions';
import { ensureBuilt, makeProject, read, runCli } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'test', 'schemas', 'reviewdog-DiagnosticResult.json'), 'utf8')) as Record<string, unknown>;

/**
 * The published schema with `additionalProperties: false` on every message that lists its properties:
 * protojson's view. (`additionalProperties` next to a `$ref` is dropped: Ajv applies $ref siblings.)
 */
function strictCopy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictCopy);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) if (k !== 'additionalProperties') out[k] = strictCopy(v);
    if ('properties' in out && !('$ref' in out)) out.additionalProperties = false;
    return out;
  }
  return schema;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(SCHEMA);
const validateStrict = new Ajv({ allErrors: true, strict: false }).compile(strictCopy(SCHEMA) as object);

function expectValid(doc: unknown): void {
  expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
  expect(validateStrict(doc), JSON.stringify(validateStrict.errors, null, 2)).toBe(true);
}

/**
 * Applies suggestions as reviewdog's GitHub reporter renders them (service/github: buildNonLineBasedSuggestion):
 * the new content of lines start..end is startLine[:column-1] + text + endLine[column-1:], sliced in UTF-8
 * bytes. Applied bottom-up so earlier line numbers stay valid.
 */
function applyLikeReviewdog(text: string, suggestions: RdSuggestion[]): string {
  const lines = text.split('\n');
  const sorted = [...suggestions].sort((a, b) => b.range.start.line - a.range.start.line || (b.range.start.column ?? 0) - (a.range.start.column ?? 0));
  for (const s of sorted) {
    const start = s.range.start;
    const end = s.range.end ?? start;
    const startLine = Buffer.from(lines[start.line - 1], 'utf8');
    const endLine = Buffer.from(lines[end.line - 1], 'utf8');
    const replaced = Buffer.concat([startLine.subarray(0, start.column! - 1), Buffer.from(s.text, 'utf8'), endLine.subarray(end.column! - 1)]).toString('utf8');
    lines.splice(start.line - 1, end.line - start.line + 1, ...replaced.split('\n'));
  }
  return lines.join('\n');
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** Fixture inputs copied into a project (single files: they import nothing). */
const CASES = [
  'team-contacts-endpoint/full-url-concat.input.ts',
  'team-contacts-endpoint/react-hook.input.tsx',
  'team-contacts-endpoint/superagent-chain.input.js',
  'team-contacts-endpoint/same-file-split-binding.input.ts',
  'contact-redirect-disabled/fetch-init-variable.input.ts',
  'contact-redirect-method-change/axios-class-post.input.ts',
  'chat-identify-without-email/boot-await.input.ts',
  'chat-identify-phone/init-contact-phone.input.ts',
];

function projectWithFixtures(): string {
  const dir = makeProject();
  for (const c of CASES) {
    const target = path.join(dir, 'src', c.replace('.input.', '.'));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(FIXTURES, c), target);
  }
  return dir;
}

async function rdjson(dir: string, args: string[] = []): Promise<{ code: number; doc: RdDiagnosticResult; stderr: string }> {
  const r = await runCli(dir, ['check', '--format', 'rdjson', ...args]);
  return { code: r.code, doc: JSON.parse(r.stdout) as RdDiagnosticResult, stderr: r.stderr };
}

beforeAll(ensureBuilt, 180_000);

describe('check --format rdjson', () => {
  it('validates against reviewdog\'s schema and matches the json report finding for finding', async () => {
    const dir = projectWithFixtures();
    const { code, doc } = await rdjson(dir);
    expect(code).toBe(1);
    expectValid(doc);
    expect(doc.source).toEqual({ name: 'front-contacts', url: 'https://github.com/front-contacts/front-contacts' });

    const json = JSON.parse((await runCli(dir, ['check', '--format', 'json'])).stdout) as { filePath: string; findings: Finding[] }[];
    const fromJson = json.flatMap((f) => f.findings.map((x) => `${path.relative(dir, f.filePath)}:${x.range.start.line} ${x.severity.toUpperCase()} ${x.ruleId} ${x.docsUrl}`)).sort();
    const fromRd = doc.diagnostics.map((d) => `${d.location.path}:${d.location.range!.start.line} ${d.severity} ${d.code!.value} ${d.code!.url}`).sort();
    expect(fromRd).toEqual(fromJson);
    expect(fromRd.length).toBeGreaterThanOrEqual(CASES.length);
    for (const d of doc.diagnostics) {
      expect(d.message.length).toBeGreaterThan(10);
      expect(path.isAbsolute(d.location.path)).toBe(false);
      expect(d.location.range!.end).toBeDefined();
    }
    // the warning-level rule stays a warning
    expect(doc.diagnostics.some((d) => d.code!.value === 'chat-identify-without-email' && d.severity === 'WARNING')).toBe(true);
  });

  it('carries the safe fixes as suggestions that reproduce `front-contacts fix`, and nothing else', async () => {
    const dir = projectWithFixtures();
    const { doc } = await rdjson(dir);
    const before = Object.fromEntries(CASES.map((c) => {
      const rel = path.join('src', c.replace('.input.', '.'));
      return [rel, read(dir, rel)];
    }));
    await runCli(dir, ['fix']);
    let withSuggestions = 0;
    for (const [rel, text] of Object.entries(before)) {
      const diagnostics = doc.diagnostics.filter((d) => d.location.path === rel.split(path.sep).join('/'));
      const suggestions = diagnostics.flatMap((d) => d.suggestions ?? []);
      if (suggestions.length) withSuggestions++;
      expect(applyLikeReviewdog(text, suggestions), rel).toBe(read(dir, rel));
      // only the safe fix of team-contacts-endpoint becomes a suggestion (redirect suggestions need review)
      for (const d of diagnostics) if (d.suggestions) expect(d.code!.value).toBe('team-contacts-endpoint');
    }
    expect(withSuggestions).toBe(3); // the three fixable team contacts files; the split binding has no fix
  });

  it('merges the edits of one fix that share a line into one suggestion', async () => {
    const dir = projectWithFixtures();
    const { doc } = await rdjson(dir);
    const concat = doc.diagnostics.find((d) => d.location.path === 'src/team-contacts-endpoint/full-url-concat.ts')!;
    // the engine's fix is two edits on that line ('/teams/' and "+ teamId + '"); GitHub can only take one suggestion per line
    expect(concat.suggestions).toHaveLength(1);
    expect(concat.suggestions![0].range.start.line).toBe(concat.suggestions![0].range.end!.line);
  });

  it('counts columns in UTF-8 bytes, as reviewdog does', async () => {
    const text = "/* équipe 🚀 */ export const list = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";
    const dir = makeProject({ 'src/api.ts': text });
    const { doc } = await rdjson(dir);
    expectValid(doc);
    const [d] = doc.diagnostics;
    const utf16 = text.indexOf("'https://") + 1;
    const bytes = Buffer.byteLength(text.slice(0, utf16 - 1), 'utf8') + 1;
    expect(bytes).toBeGreaterThan(utf16);
    expect(d.location.range!.start).toEqual({ line: 1, column: bytes });
    expect(d.location.range!.end!.column).toBe(Buffer.byteLength(text.slice(0, text.indexOf(');')), 'utf8') + 1);
    await runCli(dir, ['fix']);
    expect(applyLikeReviewdog(text, d.suggestions!)).toBe(read(dir, 'src/api.ts'));
  });

  it('reports file problems (here an unused ignore) as ERROR diagnostics with a location', async () => {
    const dir = makeProject({ 'src/a.ts': '  // front-contacts-ignore-next-line\nexport const a = 1;\n' });
    const { code, doc } = await rdjson(dir, ['--report-unused-ignores']);
    expect(code).toBe(1);
    expectValid(doc);
    expect(doc.diagnostics).toEqual([
      {
        message: 'unused front-contacts-ignore-next-line directive (nothing to suppress on the next line)',
        location: { path: 'src/a.ts', range: { start: { line: 1, column: 3 }, end: { line: 1, column: 37 } } },
        severity: 'ERROR',
        code: { value: 'file-problem' },
      },
    ]);
  });

  it('writes a valid empty result for a clean project, also through --output', async () => {
    const dir = makeProject({ 'src/a.ts': "export const list = () => fetch('https://api2.frontapp.com/contacts');\n" });
    const r = await runCli(dir, ['check', '--format', 'rdjson', '--output', 'results.rdjson']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(read(dir, 'results.rdjson')) as RdDiagnosticResult;
    expectValid(doc);
    expect(doc.diagnostics).toEqual([]);
  });

  it('the schemas are strict enough to catch a misspelt field', () => {
    const bad = { source: { name: 'front-contacts' }, diagnostics: [{ message: 'm', location: { path: 'a.ts', range: { start: { line: 1, col: 2 } } } }] };
    expect(validate(bad)).toBe(true); // the published schema allows extra properties…
    expect(validateStrict(bad)).toBe(false); // …protojson (and the strict copy) do not
    expect(validate({ diagnostics: [{ message: 'm', severity: 'FATAL' }] })).toBe(false);
  });
});

describe('buildRdjson suggestions', () => {
  const file = '/p/src/api.ts';
  const text = 'line one\nconst a = 1;\nline three\nline four\nconst b = 2;\n';
  const starts = lineStarts(text);
  const at = (s: string) => text.indexOf(s);
  const finding = (edits: TextEdit[]): Finding => ({
    ruleId: 'team-contacts-endpoint',
    severity: 'error',
    message: 'm',
    file,
    start: at('const a'),
    end: at('const b') + 11,
    range: { start: offsetToPosition(starts, at('const a')), end: offsetToPosition(starts, at('const b') + 11) },
    fix: { edits },
    docsUrl: 'https://example.test/docs#team-contacts-endpoint',
  });
  const report = (f: Finding): CheckReport => ({ cwd: '/p', files: [{ file, findings: [f], problems: [] }], textOf: () => text, errorCount: 1, warningCount: 0, problemCount: 0, fixableCount: 1, fileCount: 1 });
  const suggestionsOf = (f: Finding): RdDiagnostic['suggestions'] => buildRdjson(report(f)).diagnostics[0].suggestions;

  it('emits one suggestion per edit when the edits are on different lines', () => {
    const f = finding([
      { file, start: at('1;'), end: at('1;') + 1, newText: '10' },
      { file, start: at('2;'), end: at('2;') + 1, newText: '20' },
    ]);
    expect(suggestionsOf(f)).toEqual([
      { range: { start: { line: 2, column: 11 }, end: { line: 2, column: 12 } }, text: '10' },
      { range: { start: { line: 5, column: 11 }, end: { line: 5, column: 12 } }, text: '20' },
    ]);
    expect(applyLikeReviewdog(text, suggestionsOf(f)!)).toBe(text.replace('= 1', '= 10').replace('= 2', '= 20'));
  });

  it('keeps the text between merged edits of one line', () => {
    const f = finding([
      { file, start: at('const a'), end: at('const a') + 5, newText: 'let' },
      { file, start: at('1;'), end: at('1;') + 1, newText: '10' },
    ]);
    expect(suggestionsOf(f)).toEqual([{ range: { start: { line: 2, column: 1 }, end: { line: 2, column: 12 } }, text: 'let a = 10' }]);
  });

  it('offers no suggestion for a fix that also edits another file', () => {
    const f = finding([
      { file, start: at('1;'), end: at('1;') + 1, newText: '10' },
      { file: '/p/src/routes.ts', start: 0, end: 1, newText: '' },
    ]);
    expect(suggestionsOf(f)).toBeUndefined();
  });
});
