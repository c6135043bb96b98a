/**
 * action/fix.mjs in real git repositories: `front-contacts fix`, then a commit of exactly the files it
 * changed, pushed for real to a bare `origin` folder (fix: commit), or pushed as a branch of its own with the
 * pull request opened by `gh` (fix: pull-request; gh reaches GitHub, so that runs with dry-run and the test
 * reads the printed command).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers';
import { checkout, dryRunLines, git, LEGACY_APP, runStep } from './runner';

beforeAll(ensureBuilt, 180_000);

const PUSH = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'acme/app' };
const BOT = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';

describe('action/fix.mjs, fix: commit', () => {
  it('on a push: commits exactly the fixed files, as the bot, and pushes them to the branch', async () => {
    const { workspace, origin } = checkout({}, LEGACY_APP);
    const before = git(origin, 'rev-parse', 'main');
    // Things of the job's own that must not end up in the commit.
    writeFileSync(path.join(workspace, 'notes.txt'), 'scratch\n');
    writeFileSync(path.join(workspace, 'README.md'), readFileSync(path.join(workspace, 'README.md'), 'utf8') + '\nlocal edit\n');

    const step = await runStep('fix.mjs', workspace, { env: PUSH, inputs: { fix: 'commit' } });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    const pushed = git(origin, 'rev-parse', 'main');
    expect(pushed).not.toBe(before);
    expect(git(origin, 'rev-parse', 'main~1')).toBe(before);
    expect(step.outputs).toMatchObject({ 'fix-commit': pushed, 'fix-branch': 'main' });

    expect(git(origin, 'log', '-1', '--format=%an <%ae>', 'main')).toBe(BOT);
    const message = git(origin, 'log', '-1', '--format=%B', 'main');
    expect(message.split('\n')[0]).toBe("Fix code that breaks with Front's contacts migration");
    expect(message).toContain(`${step.outputs.fixes} fixes in ${step.outputs['files-changed']} files by \`front-contacts fix\`.`);

    const committed = git(origin, 'show', '--name-only', '--format=', 'main').split('\n').sort();
    expect(committed).toHaveLength(Number(step.outputs['files-changed']));
    expect(committed).toContain('src/front/routes.ts');
    expect(committed).not.toContain('README.md');
    expect(committed).not.toContain('notes.txt');
    const routes = git(origin, 'show', 'main:src/front/routes.ts');
    expect(routes).toContain("export const TEAM_CONTACTS_ROUTE = '/contacts';");
    expect(routes).not.toMatch(/\/teams\/[^'"`]*\/contacts/);
    // Safe fixes only: suggestions (the runtime helper) need fix-suggestions.
    expect(git(origin, 'show', 'main:src/jobs/syncContacts.ts')).not.toContain('withContactRedirects');
    // The job's own edits are still there, uncommitted.
    expect(git(workspace, 'status', '--porcelain').split('\n')).toEqual(['M README.md', '?? notes.txt']);

    expect(step.summary).toContain(`pushed to \`main\` as ${pushed.slice(0, 7)}`);
    expect(step.summary).toContain('- `src/front/routes.ts`: 2 fixes');
    expect(step.summary).toMatch(/Left for a human: .*`contact-redirect-disabled`/);
  });

  it('on a pull request with its head branch checked out: pushes to that branch', async () => {
    const { workspace, origin } = checkout({}, LEGACY_APP);
    git(workspace, 'switch', '-q', '-c', 'feature');
    git(workspace, 'push', '-q', 'origin', 'feature');
    const head = git(workspace, 'rev-parse', 'HEAD');
    const event = { pull_request: { head: { sha: head, ref: 'feature', repo: { full_name: 'acme/app' } }, base: { ref: 'main' } } };
    const step = await runStep('fix.mjs', workspace, { env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'feature', GITHUB_REPOSITORY: 'acme/app' }, event, inputs: { fix: 'commit' } });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(git(origin, 'rev-parse', 'feature~1')).toBe(head);
    expect(git(origin, 'rev-parse', 'main')).toBe(head);
    expect(step.outputs['fix-branch']).toBe('feature');
  });

  it("on a pull request's merge commit (actions/checkout's default) or from a fork: refuses before touching anything", async () => {
    const { workspace, origin } = checkout({}, LEGACY_APP);
    const before = git(origin, 'rev-parse', 'main');
    const merge = { pull_request: { head: { sha: '0123456789abcdef0123456789abcdef01234567', ref: 'feature', repo: { full_name: 'acme/app' } } } };
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'feature', GITHUB_REPOSITORY: 'acme/app' };
    const step = await runStep('fix.mjs', workspace, { env, event: merge, inputs: { fix: 'commit' } });
    expect(step.code).toBe(1);
    expect(step.stdout).toContain("::error::fix: commit needs the pull request's head commit checked out (0123456)");
    expect(step.stdout).toContain('ref: ${{ github.head_ref }}');
    expect(git(workspace, 'status', '--porcelain')).toBe('');
    expect(git(origin, 'rev-parse', 'main')).toBe(before);
    // A fix pull request on top of the merge commit would carry the base branch's changes too.
    const asPullRequest = await runStep('fix.mjs', workspace, { env, event: merge, inputs: { fix: 'pull-request', 'dry-run': 'true' } });
    expect(asPullRequest.code).toBe(1);
    expect(asPullRequest.stdout).toContain("::error::fix: pull-request needs the pull request's head commit checked out (0123456)");
    expect(dryRunLines(asPullRequest.stdout)).toEqual([]);
    expect(git(workspace, 'branch', '--show-current')).toBe('main');

    const fork = { pull_request: { head: { sha: git(workspace, 'rev-parse', 'HEAD'), ref: 'feature', repo: { full_name: 'someone/app' } } } };
    const fromFork = await runStep('fix.mjs', workspace, { env, event: fork, inputs: { fix: 'commit' } });
    expect(fromFork.code).toBe(1);
    expect(fromFork.stdout).toContain('::error::fix: commit cannot push to someone/app: the pull request comes from a fork');
    expect(git(workspace, 'status', '--porcelain')).toBe('');
  });

  it('dry-run commits locally and checks the push with git push --dry-run, leaving origin as it was', async () => {
    const { workspace, origin } = checkout({}, LEGACY_APP);
    const before = git(origin, 'rev-parse', 'main');
    const step = await runStep('fix.mjs', workspace, { env: PUSH, inputs: { fix: 'commit', 'dry-run': 'true', 'fix-author': 'Migration Bot <bot@acme.example>', 'fix-commit-message': 'chore: front contacts' } });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(step.stdout).toContain('git push --dry-run origin HEAD:refs/heads/main');
    expect(git(origin, 'rev-parse', 'main')).toBe(before);
    expect(git(workspace, 'log', '-1', '--format=%an <%ae>|%s')).toBe('Migration Bot <bot@acme.example>|chore: front contacts');
    expect(step.summary).toContain(`committed as ${git(workspace, 'rev-parse', '--short=7', 'HEAD')} on \`main\` (dry run: not pushed)`);
  });

  it('nothing to fix: no commit, files-changed 0', async () => {
    const { workspace, origin } = checkout({ 'src/ok.ts': "export const url = 'https://api.frontapp.com/contacts';\n" });
    const before = git(origin, 'rev-parse', 'main');
    const step = await runStep('fix.mjs', workspace, { env: PUSH, inputs: { fix: 'commit' } });
    expect(step.code).toBe(0);
    expect(step.outputs['files-changed']).toBe('0');
    expect(step.outputs['fix-commit']).toBeUndefined();
    expect(git(workspace, 'rev-parse', 'HEAD')).toBe(before);
    expect(step.summary).toContain('Nothing to fix');
  });
});

describe('action/fix.mjs, fix: pull-request', () => {
  it('commits on a branch of its own and opens the pull request with gh (dry run: the command)', async () => {
    const { workspace, origin } = checkout({}, LEGACY_APP);
    const step = await runStep('fix.mjs', workspace, { env: { ...PUSH, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42' }, inputs: { fix: 'pull-request', 'dry-run': 'true' } });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(git(workspace, 'branch', '--show-current')).toBe('front-contacts/fix-main');
    expect(git(workspace, 'rev-parse', 'HEAD~1')).toBe(git(origin, 'rev-parse', 'main'));
    expect(step.stdout).toContain('git push --dry-run --force origin HEAD:refs/heads/front-contacts/fix-main');
    expect(git(origin, 'branch', '--list', 'front-contacts/*')).toBe('');

    const bodyFile = path.join(step.runnerTemp, 'front-contacts-pull-request.md');
    expect(dryRunLines(step.stdout)).toEqual([
      `gh pr create --repo acme/app --base main --head front-contacts/fix-main --title 'Fix code that breaks with Front'\\''s contacts migration' --body-file ${bodyFile}`,
    ]);
    const body = readFileSync(bodyFile, 'utf8');
    expect(body).toContain(`This pull request applies ${step.outputs.fixes} fixes in ${step.outputs['files-changed']} files by \`front-contacts fix\``);
    expect(body).toContain('| `src/front/routes.ts` | 2 |');
    expect(body).toMatch(/\*\*Left for a human\*\*[\s\S]*- `contact-redirect-disabled`: \d+/);
    expect(body).toContain('[this run](https://github.com/acme/app/actions/runs/42)');
    expect(step.outputs['fix-branch']).toBe('front-contacts/fix-main');
  });

  it('fix-branch, fix-base and fix-suggestions are used as given', async () => {
    const { workspace } = checkout({}, LEGACY_APP);
    const step = await runStep('fix.mjs', workspace, {
      env: PUSH,
      inputs: { fix: 'pull-request', 'dry-run': 'true', 'fix-branch': 'bots/front', 'fix-base': 'release', 'fix-suggestions': 'true', 'fix-pull-request-title': 'Front contacts' },
    });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(step.stdout).toContain('front-contacts fix --format json --suggestions -- .');
    expect(dryRunLines(step.stdout)[0]).toMatch(/^gh pr create --repo acme\/app --base release --head bots\/front --title 'Front contacts' --body-file /);
    // Suggestions also route the redirect-disabled fetch through the runtime helper (safe fixes alone do not).
    expect(git(workspace, 'show', 'HEAD:src/jobs/syncContacts.ts')).toContain('withContactRedirects(fetch)(');
  });

  it('an unknown fix mode or a malformed author is an input error', async () => {
    const { workspace } = checkout({}, LEGACY_APP);
    const mode = await runStep('fix.mjs', workspace, { env: PUSH, inputs: { fix: 'push' } });
    expect(mode.code).toBe(1);
    expect(mode.stdout).toContain('::error::input fix must be one of none, commit, pull-request, got "push"');
    const author = await runStep('fix.mjs', workspace, { env: PUSH, inputs: { fix: 'commit', 'fix-author': 'just a name' } });
    expect(author.code).toBe(1);
    expect(author.stdout).toContain('::error::input fix-author must look like "Name <email>"');
    expect(git(workspace, 'status', '--porcelain')).toBe('');
  });
});
