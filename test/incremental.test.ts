/**
 * analyze() keeps each top-level statement's findings for the next version of the same file and reuses them when
 * nothing the statement's analysis read has changed (the editor's per-keystroke path), and reparses only the
 * statements an edit touches. That is only allowed if it never changes a result on code without syntax errors:
 * here, over many random edits of every fixture file and of a generated service file like the editor benchmark's,
 * the incremental result must equal a fresh analysis of the same text (a new options object and host, so nothing
 * is shared with the incremental one), made the way the CLI makes it: one run over the whole file (`once`). So the
 * editor's incremental path and the CLI's path must agree on every version of every text. A text with syntax errors is recovered from locally, so there the result
 * must only be sound (syntax errors reported, every offset and range inside the text); the next text without
 * errors must be exactly equal again.
 */
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions, type AnalyzeResult, type SourceHost } from '../src/core';
import { createFixtureHost, listFixtureCases } from './support/fixtures';
import { rng } from './support/rng';


const SNIPPETS = [' ', 'x', '1', ';', '\n', '{', '}', '(', ')', "'", '`', '/', '+', '//', '/*', '*/', ',', '.', '$', '${',
  'const FRONT_API = "https://api2.frontapp.com";\n', 'FRONT_API = "https://example.com";\n', "const front = axios.create({ maxRedirects: 0 });\n",
  "import axios from 'axios';\n", "import { installContactRedirects } from 'front-contacts-runtime';\n", 'installContactRedirects(front);\n',
  'let ', 'var ', 'export ', 'function ', 'async ', 'await ', 'return ', '/teams/', '/contacts/', "'/teams/' + id + '/contacts'",
  '// front-contacts-ignore-next-line\n', 'front.defaults.maxRedirects = 0;\n', 'teamId', 'contactId', 'id'];

/** One random edit: a character or snippet inserted, a span deleted, or a span of the file copied elsewhere. */
function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  if (r < 0.35) return text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * (rand() < 0.8 ? 3 : 60)));
  if (r < 0.85) {
    const from = Math.floor(rand() * text.length);
    return text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 200)) + text.slice(at);
  }
  // replace a word: renames declarations and references
  const m = /[A-Za-z_$][\w$]*/.exec(text.slice(at));
  if (!m) return text;
  const s = at + m.index;
  return text.slice(0, s) + (rand() < 0.5 ? m[0] + 'X' : m[0].slice(0, -1)) + text.slice(s + m[0].length);
}

/** Results as plain data, for comparison. */
const plain = (r: AnalyzeResult): unknown => JSON.parse(JSON.stringify(r));

/** A host over another with some files' texts replaced (an editor's unsaved buffers). */
function overlay(base: SourceHost | undefined, texts: Map<string, string>): SourceHost {
  return {
    resolveImport: (from, spec) => base?.resolveImport(from, spec),
    readFile: (f) => texts.get(f) ?? base?.readFile(f),
  };
}

/**
 * Edits `fileName` (and now and then a file next to it, which it may import) `steps` times. Each version is analysed
 * incrementally (one options object and host for the whole sequence) and fresh, and both must agree. Every few
 * steps the text goes back to the original with one edit (what the benchmark does: two changes at once).
 */
function check(fileName: string, original: string, base: SourceHost | undefined, neighbours: string[], steps: number, seed: number): void {
  const rand = rng(seed);
  const texts = new Map<string, string>();
  const incremental: AnalyzeOptions = { host: base ? overlay(base, texts) : undefined };
  let text = original;
  for (let i = 0; i < steps; i++) {
    const r = rand();
    if (r < 0.15) text = edit(original, rand);
    else if (r < 0.25 && neighbours.length) {
      const n = neighbours[Math.floor(rand() * neighbours.length)];
      texts.set(n, edit(texts.get(n) ?? base?.readFile(n) ?? '', rand));
    } else text = edit(text, rand);
    texts.set(fileName, text);
    const inc = analyze(fileName, text, incremental);
    const fresh = analyze(fileName, text, { host: overlay(base, new Map(texts)), once: true });
    if (fresh.problems.some((p) => p.message.startsWith('syntax error'))) {
      // A text with syntax errors is parsed again only around the edit (the parser's recovery from an error
      // depends on where it starts): findings may differ from a fresh analysis, but are sound.
      expect(inc.problems.some((p) => p.message.startsWith('syntax error')), `step ${i} seed ${seed}: syntax errors reported`).toBe(true);
      assertSound(inc, text, fileName);
      continue;
    }
    if (JSON.stringify(inc) !== JSON.stringify(fresh)) {
      // Show the first difference with the text that produced it.
      expect({ step: i, seed, text, result: plain(inc) }).toEqual({ step: i, seed, text, result: plain(fresh) });
    }
  }
}

/** Every offset and range of a result lies in the text, and ranges agree with offsets. */
function assertSound(r: AnalyzeResult, text: string, fileName: string): void {
  const lines = text.split(/\r\n|\n|\r/);
  const inText = (o: number): boolean => Number.isInteger(o) && o >= 0 && o <= text.length;
  const pos = (p: { line: number; column: number }): boolean => p.line >= 1 && p.line <= lines.length && p.column >= 1 && p.column <= lines[p.line - 1].length + 1;
  for (const f of r.findings) {
    expect(inText(f.start) && inText(f.end) && f.start <= f.end, `finding ${f.ruleId} ${f.start}-${f.end}`).toBe(true);
    expect(pos(f.range.start) && pos(f.range.end), `finding ${f.ruleId} range`).toBe(true);
    for (const e of [...(f.fix?.edits ?? []), ...(f.suggestions ?? []).flatMap((s) => s.edits)])
      if (e.file === fileName) expect(inText(e.start) && inText(e.end) && e.start <= e.end, `edit ${e.start}-${e.end}`).toBe(true);
  }
  for (const p of r.problems) if (p.range) expect(pos(p.range.start) && pos(p.range.end), `problem ${p.message}`).toBe(true);
}

/** A service module like bench/editor-latency.mjs generates (smaller). */
function service(lines: number, rand: () => number): string {
  const out = [
    "import axios from 'axios';",
    "const FRONT_API = 'https://api2.frontapp.com';",
    "const front = axios.create({ baseURL: FRONT_API, headers: { Authorization: `Bearer ${process.env.FRONT_TOKEN}` } });",
    "const billing = axios.create({ baseURL: 'https://billing.example.com' });",
    '',
  ];
  const blocks: Array<(i: number) => string[]> = [
    (i) => [`export async function listTeamContacts${i}(teamId: string) {`, `  const res = await fetch(FRONT_API + '/teams/' + teamId + '/contacts?limit=${i}');`, '  return res.json();', '}'],
    (i) => [`export async function getContact${i}(id: string) {`, "  const res = await fetch(`${FRONT_API}/contacts/${id}`, { redirect: 'manual' });", '  return res.json();', '}'],
    (i) => [`export async function addNote${i}(contactId: string, body: string) {`, `  return front.post(\`/contacts/\${contactId}/notes\`, { body, author_id: 'tea_${i}' });`, '}'],
    (i) => [`export async function invoices${i}(customer: string) {`, "  const { data } = await billing.get(`/customers/${customer}/invoices`);", '  return data;', '}'],
    (i) => [`export function formatRow${i}(row: Record<string, unknown>): string {`, "  return Object.entries(row).map(([k, v]) => `${k}=${String(v ?? '')}`).join(', ');", '}'],
    (i) => [`export const teammateContacts${i} = (id: string) => fetch(\`\${FRONT_API}/teammates/\${id}/contacts\`);`],
    (i) => [`const path${i} = '/teams/' + 'x${i}' + '/contacts';`, `export const viaConst${i} = () => front.get(path${i});`],
  ];
  for (let i = 0; out.length < lines; i++) out.push(...blocks[Math.floor(rand() * blocks.length)](i), '');
  return out.join('\n') + '\n';
}

describe('incremental analysis equals a fresh analysis', () => {
  const cases = listFixtureCases();
  const host = createFixtureHost();
  it('over random edits of every fixture file (and of files next to it)', () => {
    let seed = 1;
    for (const c of cases) {
      const dir = path.dirname(c.inputPath);
      const neighbours = fs.readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => f !== c.inputPath && /\.[cm]?[jt]sx?$/.test(f));
      check(c.inputPath, c.inputText, host, neighbours, 40, seed++);
    }
    // thousands of analyses: a slow shared CI machine needs more than the default minute (a guard, not a target)
  }, 600_000);

  it('over random edits of a generated service file, with and without a host', () => {
    const text = service(400, rng(7));
    check('/virtual/service.ts', text, undefined, [], 150, 11);
    check('/virtual/service2.ts', text, createFixtureHost(), [], 150, 12);
  }, 600_000);
});
