/**
 * action/review.mjs: on a pull request it hands reviewdog the CLI's rdjson report (safe fixes as suggestions,
 * which reviewdog posts as suggested changes). reviewdog reaches GitHub, so the tests run the step with
 * `dry-run: true` and read the command it prints instead.
 */
import Ajv from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers';
import { checkout, dryRunLines, LEGACY_APP, ROOT, runStep } from './runner';

beforeAll(ensureBuilt, 180_000);

const PULL_REQUEST = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'acme/app', GITHUB_HEAD_REF: 'feature', GITHUB_BASE_REF: 'main' };
const TOKEN = 'ghs_not_a_real_token_0123456789';

describe('action/review.mjs', () => {
  it('on a pull request: reviewdog gets the rdjson report on stdin, with the configured reporter and filter', async () => {
    const { workspace } = checkout({}, LEGACY_APP);
    // The check step runs first in action.yml and leaves its cache in RUNNER_TEMP.
    const check = await runStep('check.mjs', workspace, { env: PULL_REQUEST });
    const step = await runStep('review.mjs', workspace, { env: { ...PULL_REQUEST, FRONT_CONTACTS_DEBUG: '1' }, runnerTemp: check.runnerTemp, inputs: { 'dry-run': 'true', 'github-token': TOKEN } });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    // The second check of the job re-analyses nothing.
    expect(step.stderr).toMatch(/ 0 analysed, [1-9]\d* from cache/);
    const rdjsonFile = path.join(check.runnerTemp, 'front-contacts.rdjson');
    expect(dryRunLines(step.stdout)).toEqual([`reviewdog -f=rdjson -name=front-contacts -reporter=github-pr-review -filter-mode=added < ${rdjsonFile}`]);
    expect(step.outputs).toMatchObject({ reviewed: 'true', 'rdjson-file': rdjsonFile });
    expect(step.stdout + step.stderr).not.toContain(TOKEN);

    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test', 'schemas', 'reviewdog-DiagnosticResult.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const doc = JSON.parse(readFileSync(rdjsonFile, 'utf8')) as { diagnostics: { code: { value: string }; suggestions?: { text: string }[] }[] };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // Same findings as the SARIF report; the team-contacts fixes travel as suggestions.
    expect(doc.diagnostics).toHaveLength(Number(check.outputs.errors) + Number(check.outputs.warnings));
    const suggested = doc.diagnostics.filter((d) => d.suggestions?.length);
    expect(suggested.length).toBe(Number(check.outputs.fixable));
    expect(suggested.every((d) => d.code.value === 'team-contacts-endpoint')).toBe(true);
    expect(step.summary).toContain(`${doc.diagnostics.length} findings (${suggested.length} with a suggested change) handed to reviewdog`);
    expect(step.summary).toContain('dry run, nothing posted');
  });

  it('reporter and filter mode come from the inputs; an unknown reporter is an input error', async () => {
    const { workspace } = checkout({ 'src/a.ts': "fetch('https://api.frontapp.com/teams/tim_1/contacts');\n" });
    const step = await runStep('review.mjs', workspace, { env: PULL_REQUEST, inputs: { 'dry-run': 'true', 'reviewdog-reporter': 'github-pr-check', 'reviewdog-filter-mode': 'nofilter' } });
    expect(dryRunLines(step.stdout)[0]).toMatch(/^reviewdog -f=rdjson -name=front-contacts -reporter=github-pr-check -filter-mode=nofilter < /);
    const bad = await runStep('review.mjs', workspace, { env: PULL_REQUEST, inputs: { 'dry-run': 'true', 'reviewdog-reporter': 'github-pr-comment' } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::input reviewdog-reporter must be one of');
    expect(dryRunLines(bad.stdout)).toEqual([]);
  });

  it('outside pull requests there is nothing to review (unless the reporter is github-check)', async () => {
    const { workspace } = checkout({ 'src/a.ts': "fetch('https://api.frontapp.com/teams/tim_1/contacts');\n" });
    const push = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' };
    const step = await runStep('review.mjs', workspace, { env: push, inputs: { 'dry-run': 'true' } });
    expect(step.code).toBe(0);
    expect(step.outputs.reviewed).toBe('false');
    expect(step.stdout).toContain('no review: push is not a pull request event');
    expect(dryRunLines(step.stdout)).toEqual([]);
    const checks = await runStep('review.mjs', workspace, { env: push, inputs: { 'dry-run': 'true', 'reviewdog-reporter': 'github-check' } });
    expect(dryRunLines(checks.stdout)).toHaveLength(1);
  });

  it('a CLI failure fails the step instead of posting an empty review', async () => {
    const { workspace } = checkout({ 'front-contacts.config.json': '{"rules": {"no-such-rule": "off"}}', 'src/a.ts': 'export {};\n' });
    const step = await runStep('review.mjs', workspace, { env: PULL_REQUEST, inputs: { 'dry-run': 'true' } });
    expect(step.code).toBe(1);
    expect(step.stdout).toContain('::error::front-contacts check could not run');
    expect(dryRunLines(step.stdout)).toEqual([]);
  });
});
