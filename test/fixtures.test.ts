/**
 * The fixture corpus is the spec of the engine's HTTP rules: every `*.input.*` file under
 * test/fixtures is analysed, its findings must be exactly the `// expect:` markers, and `fix`
 * must turn it into its `*.output.*` file (or leave it alone), idempotently and parseably.
 */
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, fixText, ruleMeta, type Finding } from '../src/core';
import {
  NEAR_MISS,
  createFixtureHost,
  positionAt,
  listFixtureCases,
  sortFindings,
  syntaxErrors,
  type FixtureCase,
} from './support/fixtures';

const cases = listFixtureCases();
const host = createFixtureHost();

const describeFinding = (f: { ruleId: string; line: number }) => `${f.line}: ${f.ruleId}`;

function checkFindingShape(c: FixtureCase, f: Finding): void {
  const where = `${c.name} ${f.ruleId} at line ${f.range.start.line}`;
  expect(f.file, where).toBe(c.inputPath);
  expect(f.severity, where).toBe(ruleMeta(f.ruleId).defaultSeverity);
  expect(typeof f.message === 'string' && f.message.trim().length > 0, `${where}: message`).toBe(true);
  expect(typeof f.docsUrl === 'string' && /^https?:\/\/\S+$/.test(f.docsUrl) && f.docsUrl.includes(f.ruleId), `${where}: docsUrl ${f.docsUrl}`).toBe(true);
  // the offsets and the line/column range describe the same place, inside the file
  expect(f.start <= f.end && f.end <= c.inputText.length, `${where}: offsets ${f.start}-${f.end}`).toBe(true);
  expect(f.range.start, `${where}: range.start`).toEqual(positionAt(c.inputText, f.start));
  expect(f.range.end, `${where}: range.end`).toEqual(positionAt(c.inputText, f.end));
  expect(f.end > f.start, `${where}: empty range`).toBe(true);
  if (f.ruleId !== 'team-contacts-endpoint') expect(f.fix, `${where}: redirect rules offer suggestions, never a safe fix`).toBeUndefined();
  for (const s of f.suggestions ?? []) {
    expect(s.title.trim().length > 0, `${where}: suggestion title`).toBe(true);
    const own = s.edits.filter((e) => e.file === c.inputPath);
    const applied = applyEdits(c.inputText, own);
    expect(applied, `${where}: suggestion "${s.title}" changes nothing`).not.toBe(c.inputText);
    expect(syntaxErrors(c.inputPath, applied), `${where}: suggestion "${s.title}" breaks the syntax`).toEqual([]);
  }
}

describe('fixture corpus', () => {
  it('has enough cases of every HTTP rule and near misses', () => {
    const count = (rule: string) => cases.filter((c) => c.rule === rule && c.expected.length > 0).length;
    expect(count('team-contacts-endpoint')).toBeGreaterThanOrEqual(10);
    expect(count('contact-redirect-disabled')).toBeGreaterThanOrEqual(10);
    expect(count('contact-redirect-method-change')).toBeGreaterThanOrEqual(8);
    expect(count('contact-redirect-auth-dropped')).toBeGreaterThanOrEqual(15);
    expect(count('chat-identify-without-email')).toBeGreaterThanOrEqual(8);
    expect(count('chat-identify-phone')).toBeGreaterThanOrEqual(8);
    expect(count('front-chat-handle-readonly')).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.rule === NEAR_MISS).length).toBeGreaterThanOrEqual(25);
  });

  for (const c of cases) {
    it(`${c.rule}/${c.name}: input and output parse, markers fit the directory`, () => {
      expect(syntaxErrors(c.inputPath, c.inputText), 'input syntax').toEqual([]);
      if (c.outputPath) {
        expect(syntaxErrors(c.outputPath, c.expectedOutput), 'output syntax').toEqual([]);
        expect(c.expectedOutput, 'an output file identical to its input should be deleted').not.toBe(c.inputText);
      }
      if (c.rule === NEAR_MISS) expect(c.expected, 'near misses carry no markers').toEqual([]);
      else if (!c.multiFile) expect(c.expected.some((e) => e.ruleId === c.rule), `a ${c.rule} case expects at least one ${c.rule}`).toBe(true);
    });
  }
});

for (const rule of [...new Set(cases.map((c) => c.rule))]) {
  describe(rule, () => {
    for (const c of cases.filter((x) => x.rule === rule)) {
      it(c.name, () => {
        const result = analyze(c.inputPath, c.inputText, { host });
        expect(result.problems, 'the input parses, the engine must not report problems').toEqual([]);

        const actual = sortFindings(result.findings.map((f) => ({ ruleId: f.ruleId, line: f.range.start.line })));
        expect(actual.map(describeFinding), 'findings (line: rule) must equal the // expect markers').toEqual(
          c.expected.map(describeFinding),
        );
        for (const f of result.findings) checkFindingShape(c, f);
        // The CLI analyses each text once, in one run over the whole file; the editor statement by statement.
        expect(analyze(c.inputPath, c.inputText, { host, once: true }).findings, 'one run over the whole file finds the same').toEqual(result.findings);

        const fixed = fixText(c.inputPath, c.inputText, { host });
        expect(fixed.refused, 'fix was refused').toBeUndefined();
        expect(fixed.output, 'fix output').toBe(c.expectedOutput);

        if (c.suggestedPath) {
          const suggested = fixText(c.inputPath, c.inputText, { host, suggestions: true });
          expect(suggested.output, 'fix --suggestions output').toBe(c.expectedSuggested);
          expect(fixText(c.inputPath, suggested.output, { host, suggestions: true }).output, 'fix --suggestions is idempotent').toBe(suggested.output);
          expect(syntaxErrors(c.inputPath, suggested.output), 'fix --suggestions output parses').toEqual([]);
        }

        const again = fixText(c.inputPath, fixed.output, { host });
        expect(again.output, 'fix is idempotent').toBe(fixed.output);
        expect(syntaxErrors(c.inputPath, fixed.output), 'fix output parses').toEqual([]);
      });
    }
  });
}
