/**
 * Property tests: generated programs (test/support/gen.ts) through `analyze` and `fixText`.
 * About 1,850 generated programs per run (numRuns below), ~10-25 s on a loaded 2-core machine.
 *
 * Seeds are fixed so CI failures reproduce: every property runs with FC_SEED (default below) and a
 * failure message says how to rerun it (fast-check also prints seed and path). `FC_SEED=random` draws a
 * new seed; `FC_RUNS=<factor>` multiplies the number of runs for a longer local soak.
 *
 * Engine bugs these properties found (minimal inputs in the commit message / report to the lead). None is
 * excluded here; to look past one while hunting for others, FC_AVOID=<names> stops generating its inputs
 * (never set it in CI):
 *   template-escapes   template chunk with escapes deleted by cooked offsets: `${B}\u002fteams\u002f${id}/contacts` → `${B}eams\u002f/contacts`
 *   escape-replace     .replace() slice of an escaped literal deleted by cooked offsets → corrupt URL
 *   template-const     const/route written as a template with a hole: reported twice (usage without fix)
 *   indirect-id        const/route whose id comes from another const or a literal argument: reported twice
 *   paren-literal      `… + id + ('/contacts')`: the joined-literal fix deletes a paren → fix refused
 *   concat-receiver    `'/teams/'.concat(id, '/contacts')`: no fix
 *   concat-only-arg    `'…/teams/'.concat(id) + '/contacts'`: no fix
 *   numeric-id         `'…/teams/' + 42 + '/contacts'`: no fix
 *   newurl-relative    `new URL('teams/x/contacts', 'https://api2.frontapp.com/')`: no fix
 *   split-scheme       `'http' + 's://api2.frontapp.com/…'` taken for a bare path: no finding at all
 *   foreign-eol        suggestions insert the runtime import with `\n` into CRLF / CR files
 *   bom-suggestion     suggestions insert the runtime import before the BOM
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { analyze, fixText, applyEdits, type AnalyzeResult, type Finding, type TextEdit } from '../src/core';
import {
  Draw,
  avoiding,
  breakProgram,
  evaluateProgram,
  mixedProgram,
  nearMissProgram,
  oracleProgram,
  type OracleProgram,
  type Program,
} from './support/gen';

const DEFAULT_SEED = 20250611;
const SEED = process.env.FC_SEED === 'random' ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.FC_SEED ?? DEFAULT_SEED);
const FACTOR = Number(process.env.FC_RUNS ?? 1);

/** Runs a property with the fixed seed; on failure the message says how to reproduce it. */
function check<T>(name: string, arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns: number): void {
  try {
    // shrinking is bounded so a failing property reports in seconds, not minutes
    fc.assert(fc.property(fc.limitShrink(arb, 250), predicate), { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * FACTOR)) });
  } catch (e) {
    const err = e as Error;
    err.message = `${err.message}\n\nreproduce: FC_SEED=${SEED} npx vitest run test/property.test.ts -t "${name}"`;
    throw err;
  }
}

/** A generated program shown as its file name and text in failure reports. */
function shown<T extends Program>(p: T): T {
  return Object.assign(p, { [fc.toStringMethod]: () => `${p.fileName} (${p.valid ? 'valid' : 'broken'}):\n${JSON.stringify(p.text)}\n---\n${p.text}\n---` });
}

const gen = <T extends Program>(f: (d: Draw) => T): fc.Arbitrary<T> => fc.gen().map((g) => shown(f(new Draw(g))));

const oracleArb = gen((d) => oracleProgram(d));
const mixedArb = gen((d) => mixedProgram(d));
const nearArb = gen((d) => nearMissProgram(d));
const brokenArb = gen((d) => breakProgram(d, d.chance(0.5) ? mixedProgram(d) : oracleProgram(d)));
const validArb = fc.oneof(mixedArb, oracleArb, nearArb);
const anyArb = fc.oneof(mixedArb, oracleArb, nearArb, brokenArb);

// ---------------------------------------------------------------- independent helpers

/** 1-based line/column of an offset, counting \r\n, \r and \n as line ends (like VS Code). */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function syntaxErrors(fileName: string, text: string): number {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  return ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
/** An offset that cuts a surrogate pair in two. */
const splitsPair = (text: string, at: number): boolean => at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));

function checkEdits(p: Program, edits: readonly TextEdit[], what: string): void {
  const len = p.text.length;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let last = -1;
  for (const e of sorted) {
    expect(e.file, `${what}: edit in another file`).toBe(p.fileName);
    expect(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= len, `${what}: edit ${e.start}-${e.end} outside 0-${len}`).toBe(true);
    expect(e.start >= last, `${what}: edits overlap at ${e.start}`).toBe(true);
    expect(splitsPair(p.text, e.start) || splitsPair(p.text, e.end), `${what}: edit ${e.start}-${e.end} cuts a surrogate pair`).toBe(false);
    last = e.end;
  }
}

function checkFinding(p: Program, f: Finding): void {
  const len = p.text.length;
  const where = `${f.ruleId} ${f.start}-${f.end}`;
  expect(f.file, where).toBe(p.fileName);
  expect(Number.isInteger(f.start) && 0 <= f.start && f.start < f.end && f.end <= len, `${where}: offsets outside the text (${len})`).toBe(true);
  expect(f.range.start, `${where}: range.start`).toEqual(positionAt(p.text, f.start));
  expect(f.range.end, `${where}: range.end`).toEqual(positionAt(p.text, f.end));
  for (const r of f.related ?? []) {
    if (r.file !== p.fileName) continue;
    expect(0 <= r.start && r.start <= r.end && r.end <= len, `${where}: related ${r.start}-${r.end}`).toBe(true);
    expect(r.range, `${where}: related range`).toEqual({ start: positionAt(p.text, r.start), end: positionAt(p.text, r.end) });
  }
  if (f.fix) checkEdits(p, f.fix.edits, `${where} fix`);
  for (const s of f.suggestions ?? []) checkEdits(p, s.edits, `${where} suggestion "${s.title}"`);
}

/** What a finding says, for comparing two runs. */
const summary = (r: AnalyzeResult): unknown =>
  r.findings.map((f) => ({ rule: f.ruleId, start: f.start, end: f.end, fix: f.fix?.edits, suggestions: f.suggestions?.map((s) => s.edits) }));

/** A fresh engine project (no cached parse of an earlier text under the same file name). */
const freshHost = () => ({ resolveImport: () => undefined, readFile: () => undefined });

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n');
const lf = (s: string): string => s.replace(/\r\n?/g, '\n');

/** Offsets of the snippets, searched in order (line ends normalised to the text's). */
function locate(text: string, snippets: string[]): Array<[number, number]> {
  const eol = eolOf(text);
  let from = 0;
  return snippets.map((s) => {
    const needle = s.replace(/\n/g, eol);
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`generator bug: snippet not in text: ${needle}`);
    from = at + needle.length;
    return [at, at + needle.length];
  });
}

// ---------------------------------------------------------------- properties

describe('property: generated programs', () => {
  it('1. analyze never throws; findings, ranges and edits stay inside the text and agree with each other', () => {
    check(
      '1. analyze never throws',
      anyArb,
      (p) => {
        const res = analyze(p.fileName, p.text);
        for (const f of res.findings) checkFinding(p, f);
        for (const pr of res.problems) {
          expect(pr.message, 'an engine crash surfaces as a problem').not.toMatch(/internal error/);
          if (pr.range) expect(pr.range.end.line >= pr.range.start.line, 'problem range').toBe(true);
        }
        // the cached, incrementally re-parsed file gives the same answer as a fresh parse
        expect(summary(analyze(p.fileName, p.text, { host: freshHost() })), 'fresh parse vs incremental reparse').toEqual(summary(res));
      },
      500,
    );
  });

  it('2. every fix and suggestion re-parses; fix never introduces other line endings', () => {
    check(
      '2. every fix and suggestion re-parses',
      validArb,
      (p) => {
        expect(syntaxErrors(p.fileName, p.text), 'generator bug: a valid program must parse').toBe(0);
        const res = analyze(p.fileName, p.text);
        for (const f of res.findings) {
          if (f.fix) expect(syntaxErrors(p.fileName, applyEdits(p.text, f.fix.edits)), `${f.ruleId} fix alone`).toBe(0);
          for (const s of f.suggestions ?? []) expect(syntaxErrors(p.fileName, applyEdits(p.text, s.edits)), `suggestion "${s.title}" alone`).toBe(0);
        }
        for (const suggestions of [false, true]) {
          const out = fixText(p.fileName, p.text, { suggestions });
          expect(out.refused, `suggestions=${suggestions}: a round of fixes was refused`).toBeUndefined();
          expect(syntaxErrors(p.fileName, out.output), `suggestions=${suggestions}: output`).toBe(0);
          if (!avoiding('bom-suggestion')) expect(out.output.startsWith('\uFEFF'), `suggestions=${suggestions}: BOM kept at the start`).toBe(p.text.startsWith('\uFEFF'));
          const eol = eolOf(p.text);
          const foreign = eol === '\r\n' ? /\r(?!\n)|(?<!\r)\n/ : eol === '\r' ? /\n/ : /\r/;
          if (!foreign.test(p.text) && !avoiding('foreign-eol')) expect(foreign.test(out.output), `suggestions=${suggestions}: fix wrote a line ending other than ${JSON.stringify(eol)}`).toBe(false);
        }
      },
      150,
    );
  });

  it('2b. on broken input, fix never adds syntax errors', () => {
    check(
      '2b. on broken input',
      brokenArb,
      (p) => {
        const before = syntaxErrors(p.fileName, p.text);
        for (const suggestions of [false, true]) {
          const out = fixText(p.fileName, p.text, { suggestions });
          expect(syntaxErrors(p.fileName, out.output), `suggestions=${suggestions}`).toBeLessThanOrEqual(before);
        }
      },
      100,
    );
  });

  it('3. fix is idempotent: fixing the output changes nothing more', () => {
    check(
      '3. fix is idempotent',
      anyArb,
      (p) => {
        for (const suggestions of [false, true]) {
          const once = fixText(p.fileName, p.text, { suggestions }).output;
          const twice = fixText(p.fileName, once, { suggestions });
          expect(twice.output, `suggestions=${suggestions}: second fix changed the text`).toBe(once);
          expect(twice.applied, `suggestions=${suggestions}: second fix applied something`).toEqual([]);
        }
      },
      150,
    );
  });

  it('4. a file without findings (or without edits) is byte-identical after fix, CRLF and BOM included', () => {
    check(
      '4. byte-identical',
      anyArb,
      (p) => {
        const res = analyze(p.fileName, p.text);
        for (const suggestions of [false, true]) {
          const anyEdit = res.findings.some((f) => (f.fix?.edits.length ?? 0) > 0 || (suggestions && (f.suggestions?.[0]?.edits.length ?? 0) > 0));
          if (anyEdit) continue;
          const out = fixText(p.fileName, p.text, { suggestions });
          expect(out.output === p.text, `suggestions=${suggestions}: output differs from the input`).toBe(true);
          expect(out.applied).toEqual([]);
        }
      },
      200,
    );
  });

  it('5. the team fix keeps everything but /teams/<id>: the fixed expression evaluates to the URL without it', () => {
    check(
      '5. team fix semantics',
      oracleArb,
      (p: OracleProgram) => {
        // the generator's own claim about the program, checked by running it
        const before = evaluateProgram(p.text, p.bindings, p.fileName);
        expect(before, 'generator bug: the program does not request the URLs it claims').toEqual(p.targets.map((t) => t.original));

        const res = analyze(p.fileName, p.text);
        expect(res.problems).toEqual([]);
        // exactly one finding per URL, on the expression (or constant, or route table entry) that writes it
        const live = p.targets.filter((t) => !t.suppressed);
        const got = res.findings.map((f) => `${f.ruleId}: ${lf(p.text.slice(f.start, f.end))}`).sort();
        const want = live.map((t) => `team-contacts-endpoint: ${t.site}`).sort();
        expect(got).toEqual(want);
        // The engine declines (reports without a fix) a cut inside an escaped literal, and URLs whose `teams`
        // text is spread over nested .concat() receivers: the fix must then leave the URL as it was.
        const mayDecline = (t: (typeof p.targets)[number]): boolean => t.mayRefuse || t.site.includes('.concat(');
        for (const t of live) {
          if (mayDecline(t)) continue;
          const f = res.findings.find((x) => lf(p.text.slice(x.start, x.end)) === t.site);
          expect(f?.fix, `no fix offered for ${t.site}`).toBeDefined();
        }

        const out = fixText(p.fileName, p.text);
        expect(out.refused).toBeUndefined();
        const after = evaluateProgram(out.output, p.bindings, p.fileName);
        // a suppressed request keeps its URL; one the engine may decline (escaped literal cut in part) keeps it or is fixed
        const expected = p.targets.map((t, i) => (t.suppressed || (mayDecline(t) && after[i] === t.original) ? t.original : t.fixed));
        expect(after, `fixed program:\n${out.output}`).toEqual(expected);
        const declined = p.targets.filter((t, i) => !t.suppressed && mayDecline(t) && after[i] === t.original).length;
        expect(out.remaining.length, 'findings left after the fix').toBe(declined);
      },
      250,
    );
  });

  it('6. near misses from the quiet list produce no findings, and fix leaves them alone', () => {
    check(
      '6. near misses',
      nearArb,
      (p) => {
        const res = analyze(p.fileName, p.text);
        expect(res.findings.map((f) => `${f.ruleId}: ${p.text.slice(f.start, f.end)}`)).toEqual([]);
        expect(fixText(p.fileName, p.text, { suggestions: true }).output === p.text).toBe(true);
      },
      200,
    );
  });

  it('7. redirect rules: each request to /contacts/:id gets exactly the finding its client, method and options call for', () => {
    check(
      '7. redirect rules',
      gen((d) => mixedProgram(d, ['contact', 'filler'], false)),
      (p) => {
        const res = analyze(p.fileName, p.text);
        const spans = locate(p.text, p.contacts.map((c) => c.call));
        const line = (i: number, rules: string[]) => `${p.contacts[i].call} -> ${rules.join(',') || 'none'}`;
        const got = spans.map(([s, e], i) => line(i, res.findings.filter((f) => f.start >= s && f.start < e).map((f) => f.ruleId)));
        const want = p.contacts.map((c, i) => line(i, c.expect));
        expect(got).toEqual(want);
        expect(res.findings.length, 'findings outside the requests').toBe(p.contacts.flatMap((c) => c.expect).length);
      },
      150,
    );
  });

  it('8. chat rules: each Front Chat identify call gets exactly the findings its options call for', () => {
    check(
      '8. chat rules',
      gen((d) => mixedProgram(d, ['chat', 'filler'], false)),
      (p) => {
        const res = analyze(p.fileName, p.text);
        const spans = locate(p.text, p.chats.map((c) => c.call));
        spans.forEach(([s, e], i) => {
          const call = p.chats[i];
          const inCall = res.findings.filter((f) => f.start >= s && f.start < e);
          expect(inCall.map((f) => f.ruleId).sort(), call.call).toEqual(call.expect.map((x) => x.ruleId).sort());
          for (const f of inCall) {
            const at = p.text.slice(f.start, f.end);
            expect(call.expect.some((x) => x.ruleId === f.ruleId && at.startsWith(x.startsWith)), `${f.ruleId} reported on ${at}`).toBe(true);
          }
        });
        expect(res.findings.length, 'findings outside the chat calls').toBe(p.chats.flatMap((c) => c.expect).length);
      },
      150,
    );
  });
});

