/**
 * The ESLint plugin over the fixture corpus, through ESLint's own RuleTester, once with
 * @typescript-eslint/parser (every case) and once with espree (the JavaScript cases espree parses).
 * For each rule: a case without a finding of that rule is valid; a case with findings is invalid and
 * expects exactly the engine's findings (the `// expect:` markers: same lines), with the engine's
 * message, range, suggestions, and, for the one fixable rule, the case's `.output` file after the fix.
 */
import { Linter, RuleTester } from 'eslint';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, applyEdits, RULES, RULE_IDS, type Finding, type RuleId } from '../../src/core';
import plugin from '../../src/eslint/index';
import { resetLintSession } from '../../src/eslint/file-analysis';
import { relatedText } from '../../src/eslint/rule';
import { createFixtureHost, FIXTURES_ROOT, listFixtureCases, type FixtureCase } from '../support/fixtures';

// Its types need moduleResolution node16; the project's is node.
const tsParser = createRequire(__filename)('@typescript-eslint/parser') as Linter.Parser;

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
afterAll(resetLintSession);

const cases = listFixtureCases();
const host = createFixtureHost();
const engineFindings = new Map<FixtureCase, Finding[]>(cases.map((c) => [c, analyze(c.inputPath, c.inputText, { host }).findings]));

/**
 * Where ESLint lints a case. The fixture host lets `./contacts` name `contacts.input.js`; the plugin uses the
 * project's real disk host, so a multi-file case is linted in a copy whose files are named as in a project.
 */
const copies = mkdtempSync(path.join(tmpdir(), 'fc-eslint-fixtures-'));
const asProjectFile = (file: string) => file.replace(/\.input(\.[a-z]+)$/, '$1');
function lintedPath(c: FixtureCase): string {
  if (!c.multiFile) return c.inputPath;
  const dir = path.join(copies, path.relative(FIXTURES_ROOT, c.dir));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(c.dir)) copyFileSync(path.join(c.dir, f), path.join(dir, asProjectFile(f)));
  }
  return path.join(dir, asProjectFile(path.basename(c.inputPath)));
}

const JS_FILE = /\.(?:[cm]?js|jsx)$/;
const sourceType = (file: string) => (file.endsWith('.cjs') ? 'commonjs' : 'module');

/** ESLint's default parser (espree) parses it, JSX allowed: TypeScript-only syntax in a .js fixture leaves it out. */
function espreeParses(c: FixtureCase): boolean {
  if (!JS_FILE.test(c.inputPath)) return false;
  const config = { languageOptions: { ecmaVersion: 'latest' as const, sourceType: sourceType(c.inputPath) as 'module' | 'commonjs', parserOptions: { ecmaFeatures: { jsx: true } } } };
  return !new Linter().verify(c.inputText, config).some((m) => m.fatal);
}

/**
 * Generated clients often start with an ESLint directive that turns every rule off for the file
 * (`/* eslint-disable *\/`). ESLint applies it to these rules too: such cases get their own test below.
 */
const ESLINT_DISABLE = /\/\*\s*eslint-disable\s*\*\//;
const disablesEslint = (c: FixtureCase) => ESLINT_DISABLE.test(c.inputText);
const linted = cases.filter((c) => !disablesEslint(c));

const parsers = [
  { name: '@typescript-eslint/parser', parser: tsParser as Linter.Parser | undefined, cases: linted },
  { name: 'espree', parser: undefined, cases: linted.filter(espreeParses) },
];

describe('corpus coverage', () => {
  it('every case runs under @typescript-eslint/parser, and espree gets most JavaScript cases', () => {
    const js = cases.filter((c) => JS_FILE.test(c.inputPath));
    expect(cases.filter(disablesEslint).length).toBeLessThan(20);
    expect(parsers[0].cases.length).toBe(cases.length - cases.filter(disablesEslint).length);
    expect(js.length).toBeGreaterThan(50);
    // A .js fixture espree rejects would be TypeScript syntax in a JavaScript file: none expected.
    expect(parsers[1].cases.map((c) => c.name)).toEqual(js.filter((c) => !disablesEslint(c)).map((c) => c.name));
  });

  it("the engine's findings under the fixture host are the cases' // expect: markers", () => {
    for (const c of cases) {
      const got = engineFindings.get(c)!.map((f) => `${f.range.start.line}: ${f.ruleId}`).sort();
      expect(got, c.name).toEqual(c.expected.map((e) => `${e.line}: ${e.ruleId}`).sort());
    }
  });
});

function expectedError(c: FixtureCase, f: Finding) {
  // Related locations in other files of a multi-file case name the linted copies.
  const linted = lintedPath(c);
  const moved = (file: string) => (c.multiFile ? path.join(path.dirname(linted), asProjectFile(path.basename(file))) : file);
  const related = relatedText({ ...f, file: linted, related: f.related?.map((r) => ({ ...r, file: moved(r.file) })) }, process.cwd());
  return {
    message: related ? `${f.message} [related: ${related}]` : f.message,
    line: f.range.start.line,
    column: f.range.start.column,
    endLine: f.range.end.line,
    endColumn: f.range.end.column,
    ...(f.suggestions?.length
      ? { suggestions: f.suggestions.map((s) => ({ desc: s.title, output: applyEdits(c.inputText, s.edits.filter((e) => e.file === c.inputPath)) })) }
      : {}),
  };
}

for (const { name, parser, cases: parserCases } of parsers) {
  const tester = new RuleTester({
    languageOptions: { ...(parser ? { parser } : {}), ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
  });
  describe(`RuleTester with ${name}`, () => {
    for (const id of RULE_IDS) {
      const meta = RULES.find((r) => r.id === id)!;
      const valid = [];
      const invalid = [];
      for (const c of parserCases) {
        const languageOptions = { sourceType: sourceType(c.inputPath) as 'module' | 'commonjs' };
        const mine = engineFindings.get(c)!.filter((f) => f.ruleId === id);
        if (!mine.length) {
          valid.push({ name: c.name, code: c.inputText, filename: lintedPath(c), languageOptions });
          continue;
        }
        mine.sort((a, b) => a.start - b.start || a.end - b.end);
        invalid.push({
          name: c.name,
          code: c.inputText,
          filename: lintedPath(c),
          languageOptions,
          errors: mine.map((f) => expectedError(c, f)),
          // Only team-contacts-endpoint fixes; its fixes are the whole of the case's `.output`.
          output: meta.hasFix && c.expectedOutput !== c.inputText ? c.expectedOutput : null,
        });
      }
      tester.run(id as RuleId, plugin.rules[id], { valid, invalid });
    }
  });
}

describe('a file with /* eslint-disable */ (generated clients)', () => {
  const configFor = (noInlineConfig: boolean): Linter.Config[] => [
    { files: ['**/*.{ts,tsx,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser }, linterOptions: { noInlineConfig } },
    plugin.configs.recommended,
  ];
  for (const c of cases.filter(disablesEslint)) {
    it(c.name, () => {
      const file = lintedPath(c);
      // Linter matches config `files` below its cwd; the copies of multi-file cases are in a temporary folder.
      const linter = new Linter({ cwd: path.dirname(file) });
      // ESLint's directive wins, as for any rule: nothing is reported.
      // (ESLint's own "unused eslint-disable directive" note on a generated near miss is not ours)
      expect(linter.verify(c.inputText, configFor(false), file).filter((m) => m.ruleId)).toEqual([]);
      // Without inline config the engine's findings are there: same rules and places as the CLI's.
      const reported = linter.verify(c.inputText, configFor(true), file).filter((m) => m.ruleId);
      const expected = engineFindings.get(c)!.map((f) => `${f.range.start.line}:${f.range.start.column} front-contacts/${f.ruleId}`);
      expect(reported.map((m) => `${m.line}:${m.column} ${m.ruleId}`).sort()).toEqual(expected.sort());
      // a generated near miss has nothing to report either way
      if (c.expected.length) expect(reported.length).toBeGreaterThan(0);
    });
  }
});
