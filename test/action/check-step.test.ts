/**
 * action/check.mjs and action/verdict.mjs, run as the action's steps run them: the SARIF file code scanning
 * gets, the step's outputs, the job summary, and which runs fail at each `fail-on` threshold.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, validateSarif } from '../cli/helpers';
import { checkout, git, LEGACY_APP, runStep } from './runner';

beforeAll(ensureBuilt, 180_000);

const GITHUB = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' };

/** Counts from the CLI's own JSON report, what the step's outputs must agree with. */
async function cliCounts(cwd: string, args: string[] = []) {
  const r = await runCli(cwd, ['check', '--format', 'json', ...args]);
  const files = JSON.parse(r.stdout) as { findings: { severity: string; fix?: unknown }[] }[];
  const findings = files.flatMap((f) => f.findings);
  return { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length, fixable: findings.filter((f) => f.fix).length };
}

const WARNING_ONLY = {
  'src/chat.ts': [
    "declare const FrontChat: (command: 'init' | 'identity', params?: Record<string, unknown>) => void;",
    'export function identify(userId: string, userHash: string): void {',
    "  FrontChat('identity', { chatId: 'abadcafeabadcafeabadcafeabadcafe', userId, userHash });",
    '}',
    '',
  ].join('\n'),
};

describe('action/check.mjs on a repository with legacy code', () => {
  let repo: { workspace: string };
  let step: Awaited<ReturnType<typeof runStep>>;
  let expected: Awaited<ReturnType<typeof cliCounts>>;
  beforeAll(async () => {
    repo = checkout({}, LEGACY_APP);
    expected = await cliCounts(repo.workspace);
    step = await runStep('check.mjs', repo.workspace, { env: { ...GITHUB, GITHUB_SHA: git(repo.workspace, 'rev-parse', 'HEAD') } });
  }, 120_000);

  it('findings do not fail the step (the upload, review and fix come first); the outputs count them', () => {
    expect(step.code, step.stderr).toBe(0);
    expect(expected.errors).toBeGreaterThan(5);
    expect(step.outputs).toMatchObject({
      'exit-code': '1',
      errors: String(expected.errors),
      warnings: String(expected.warnings),
      fixable: String(expected.fixable),
      'file-problems': '0',
      failed: 'true',
    });
  });

  it('writes a valid SARIF 2.1.0 file outside the repository, with every finding, for upload-sarif', () => {
    const sarifFile = step.outputs['sarif-file'];
    expect(sarifFile).toBe(path.join(step.runnerTemp, 'front-contacts.sarif'));
    expect(git(repo.workspace, 'status', '--porcelain')).toBe('');
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('front-contacts');
    expect(sarif.runs[0].results).toHaveLength(expected.errors + expected.warnings);
    // Relative to the repository root, as code scanning matches them to files.
    expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toContain('src/front/routes.ts');
    const validation = validateSarif(sarifFile);
    expect(validation.deserialised).toBe(true);
    expect(validation.issues.filter((i) => i.startsWith('error'))).toEqual([]);
  });

  it('summarises the run for the job page: totals, verdict, rules, findings linked to their lines', () => {
    const s = step.summary;
    expect(s).toContain('## front-contacts check');
    expect(s).toContain(`❌ ${expected.errors} errors, ${expected.warnings} warnings in `);
    expect(s).toContain(`${expected.fixable} fixable with \`front-contacts fix\``);
    expect(s).toContain(`This run fails: ${expected.errors} errors at fail-on: error.`);
    expect(s).toMatch(/\| \[`team-contacts-endpoint`\]\(https:\/\/github\.com\/front-contacts\/front-contacts\/blob\/main\/README\.md#team-contacts-endpoint\) \| \d+ \| 0 \| \d+ \|/);
    const sha = git(repo.workspace, 'rev-parse', 'HEAD');
    expect(s).toContain(`[\`src/front/routes.ts:8:36\`](https://github.com/acme/app/blob/${sha}/src/front/routes.ts#L8)`);
  });

  it('verdict.mjs fails the job at fail-on: error and warning, not at never', async () => {
    const env = { FRONT_CONTACTS_SARIF_FILE: step.outputs['sarif-file'] };
    const atError = await runStep('verdict.mjs', repo.workspace, { env, inputs: { 'fail-on': 'error' } });
    expect(atError.code).toBe(1);
    expect(atError.stdout).toContain(`::error::front-contacts found code that breaks with Front's contacts migration: ${expected.errors} errors at fail-on: error`);
    const atWarning = await runStep('verdict.mjs', repo.workspace, { env, inputs: { 'fail-on': 'warning' } });
    expect(atWarning.code).toBe(1);
    expect(atWarning.stdout).toContain(`${expected.errors} errors and ${expected.warnings} warnings at fail-on: warning`);
    const never = await runStep('verdict.mjs', repo.workspace, { env, inputs: { 'fail-on': 'never' } });
    expect(never.code).toBe(0);
    expect(never.stdout).not.toContain('::error::');
  });
});

describe('action/check.mjs thresholds and inputs', () => {
  it('warnings only: passes at fail-on: error, fails at fail-on: warning', async () => {
    const { workspace } = checkout(WARNING_ONLY);
    const atError = await runStep('check.mjs', workspace, { env: GITHUB });
    expect(atError.outputs).toMatchObject({ errors: '0', warnings: '1', failed: 'false', 'exit-code': '0' });
    expect(atError.summary).toContain('⚠️ 0 errors, 1 warning in 1 file.');
    expect(atError.summary).toContain('Threshold `fail-on: error`: this run passes.');
    const env = { FRONT_CONTACTS_SARIF_FILE: atError.outputs['sarif-file'] };
    expect((await runStep('verdict.mjs', workspace, { env, inputs: { 'fail-on': 'error' } })).code).toBe(0);

    const atWarning = await runStep('check.mjs', workspace, { env: GITHUB, inputs: { 'fail-on': 'warning' } });
    expect(atWarning.outputs.failed).toBe('true');
    expect(atWarning.summary).toContain('This run fails: 1 warning at fail-on: warning.');
    expect((await runStep('verdict.mjs', workspace, { env, inputs: { 'fail-on': 'warning' } })).code).toBe(1);
  });

  it('clean code: a green summary and nothing that fails', async () => {
    const { workspace } = checkout({ 'src/ok.ts': "export const url = 'https://api.frontapp.com/contacts';\n" });
    const step = await runStep('check.mjs', workspace, { env: GITHUB, inputs: { 'fail-on': 'warning', 'upload-sarif': 'false' } });
    expect(step.code).toBe(0);
    expect(step.outputs).toMatchObject({ errors: '0', warnings: '0', failed: 'false' });
    expect(step.summary).toContain("✅ No code that breaks with Front's contacts migration.");
    expect(step.summary).not.toContain('code scanning');
  });

  it('paths (one per line), config and rules select what is checked', async () => {
    const { workspace } = checkout({ 'ci/front-contacts.config.json': JSON.stringify({ rules: { 'contact-redirect-disabled': 'off' } }) }, LEGACY_APP);
    const step = await runStep('check.mjs', workspace, {
      env: GITHUB,
      inputs: { paths: 'src/front\nsrc/jobs\n', config: 'ci/front-contacts.config.json', rules: 'chat-identify-phone=off\ncontact-redirect-auth-dropped=error' },
    });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    const sarif = JSON.parse(readFileSync(step.outputs['sarif-file'], 'utf8')) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => /^src\/(front|jobs)\//.test(r.locations[0].physicalLocation.artifactLocation.uri))).toBe(true);
    expect(results.map((r) => r.ruleId)).not.toContain('contact-redirect-disabled');
    expect(results.find((r) => r.ruleId === 'contact-redirect-auth-dropped')?.level).toBe('error');
    expect(step.stdout).toContain('--config ci/front-contacts.config.json --rule chat-identify-phone=off --rule contact-redirect-auth-dropped=error -- src/front src/jobs');
  });

  it('a CLI failure (exit 2: broken config) fails the step at once, with the reason, and no SARIF output', async () => {
    const { workspace } = checkout({ 'front-contacts.config.json': '{"rules": {"no-such-rule": "off"}}', 'src/a.ts': 'export {};\n' });
    const step = await runStep('check.mjs', workspace, { env: GITHUB });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/::error::front-contacts check could not run: .*no-such-rule/);
    expect(step.outputs['exit-code']).toBe('2');
    expect(step.outputs['sarif-file']).toBeUndefined();
  });

  it('an unknown fail-on value is an input error, not a silent default', async () => {
    const { workspace } = checkout(WARNING_ONLY);
    const step = await runStep('check.mjs', workspace, { env: GITHUB, inputs: { 'fail-on': 'errors' } });
    expect(step.code).toBe(1);
    expect(step.stdout).toContain('::error::input fail-on must be one of error, warning, never, got "errors"');
  });
});
