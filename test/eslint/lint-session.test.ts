/**
 * The plugin's per-file analysis: one engine run per file and text for all seven rules, the project's
 * config (nearest file, or settings['front-contacts'].configFile), and a fresh view of other files once
 * ESLint has been idle (an editor's long-running ESLint sees a constant changed in another file).
 */
import { Linter } from 'eslint';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index';
import { analyseForLint, lintStats, resetLintSession } from '../../src/eslint/file-analysis';
import { tempProject } from '../support/temp-project';

const tsParser = createRequire(__filename)('@typescript-eslint/parser') as Linter.Parser;

const TEAMS = [
  "import { BASE } from './base';",
  'export const list = (team: string) => fetch(`${BASE}/teams/${team}/contacts`);',
  "export const read = (id: string) => fetch(`${BASE}/contacts/${id}`, { redirect: 'manual' });",
  '',
].join('\n');

function lint(dir: string, file: string, settings: Record<string, unknown> = {}): Linter.LintMessage[] {
  const linter = new Linter({ cwd: dir });
  const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, settings }, plugin.configs.recommended];
  return linter.verify(TEXT_OF[file] ?? '', config, path.join(dir, file));
}
const TEXT_OF: Record<string, string> = { 'src/teams.ts': TEAMS };
const rulesOf = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

beforeEach(resetLintSession);

describe('lint session', () => {
  it('runs the engine once per file for all seven rules, and again when the text changes', () => {
    const dir = tempProject('eslint-once', { 'package.json': '{}', 'src/base.ts': "export const BASE = 'https://api2.frontapp.com';\n" });
    const before = lintStats.analyses;
    expect(rulesOf(lint(dir, 'src/teams.ts'))).toEqual(['2:45 front-contacts/team-contacts-endpoint', '3:37 front-contacts/contact-redirect-disabled']);
    expect(lintStats.analyses - before).toBe(1);
    lint(dir, 'src/teams.ts');
    expect(lintStats.analyses - before).toBe(1);
    const input = { fileName: path.join(dir, 'src/teams.ts'), text: TEAMS.replace("'manual'", "'follow'"), cwd: dir };
    // Following now: on api2 the followed 301 drops Authorization instead.
    expect(analyseForLint(input).findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint', 'contact-redirect-auth-dropped']);
    expect(lintStats.analyses - before).toBe(2);
  });

  it("reads the nearest front-contacts config: its frontBaseUrls, rules set to off and ignore globs", () => {
    const dir = tempProject('eslint-config', {
      'package.json': '{}',
      'front-contacts.config.json': JSON.stringify({ frontBaseUrls: ['https://proxy.acme.test'], rules: { 'contact-redirect-disabled': 'off' }, ignore: ['src/gen/**'] }),
      'src/base.ts': "export const BASE = 'https://proxy.acme.test';\n",
    });
    // The proxy counts as Front only through the config; the redirect rule is off there.
    expect(rulesOf(lint(dir, 'src/teams.ts'))).toEqual(['2:45 front-contacts/team-contacts-endpoint']);
    TEXT_OF['src/gen/teams.ts'] = TEAMS.replace('./base', '../base');
    expect(lint(dir, 'src/gen/teams.ts')).toEqual([]);
  });

  it("uses settings['front-contacts'].configFile, relative to ESLint's cwd, like check --config", () => {
    const dir = tempProject('eslint-config-file', {
      'package.json': '{}',
      'config/front.json': JSON.stringify({ frontBaseUrls: ['https://proxy.acme.test'] }),
      'src/base.ts': "export const BASE = 'https://proxy.acme.test';\n",
    });
    expect(lint(dir, 'src/teams.ts')).toEqual([]);
    resetLintSession();
    expect(rulesOf(lint(dir, 'src/teams.ts', { 'front-contacts': { configFile: 'config/front.json' } }))).toEqual([
      '2:45 front-contacts/team-contacts-endpoint',
      '3:37 front-contacts/contact-redirect-disabled',
    ]);
  });

  it('sees an imported file changed on disk once ESLint has been idle', () => {
    const dir = tempProject('eslint-idle', { 'package.json': '{}', 'src/base.ts': "export const BASE = 'https://example.com';\n" });
    const input = { fileName: path.join(dir, 'src/teams.ts'), text: TEAMS, cwd: dir };
    const t0 = Date.now();
    expect(analyseForLint(input, t0).findings).toEqual([]);
    writeFileSync(path.join(dir, 'src/base.ts'), "export const BASE = 'https://api2.frontapp.com';\n");
    // Within one run the host keeps what it read (one `eslint .` sees one state of the project)...
    expect(analyseForLint(input, t0 + 100).findings).toEqual([]);
    // ...and a lint after a pause starts a new session.
    expect(analyseForLint(input, t0 + 5000).findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint', 'contact-redirect-disabled']);
  });
});
