// Step "fix" of action.yml (input `fix: commit` or `fix: pull-request`): runs `front-contacts fix`, commits
// exactly the files it changed, and either pushes the commit to the checked-out branch or pushes a branch
// of its own and opens (or updates) a pull request with `gh`. git runs for real; with `dry-run` the push is
// `git push --dry-run` and the `gh` command is printed, not run.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { annotate, appendSummary, booleanInput, choiceInput, dryRun, eventPayload, input, InputError, isPullRequestEvent, runnerTemp, runStep, setOutput, workspace } from './lib/github.mjs';
import { selectionArgs } from './lib/cli-args.mjs';
import { git, runCli, runOutward } from './lib/commands.mjs';
import { fixSummary, fixTotals, pullRequestBody, relativeFile } from './lib/fix-report.mjs';

const MODES = ['none', 'commit', 'pull-request'];
const DEFAULT_AUTHOR = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';
const DOCS_URL = 'https://github.com/front-contacts/front-contacts/blob/main/README.md#rules';

function parseAuthor(text) {
  const m = /^\s*(.+?)\s*<([^<>\s]+)>\s*$/.exec(text);
  if (!m) throw new InputError(`input fix-author must look like "Name <email>", got "${text}"`);
  return { name: m[1], email: m[2] };
}

/** The branch checked out for a push-like event: the event's ref, else what HEAD is on. */
async function currentBranch(cwd) {
  const ref = process.env.GITHUB_REF ?? '';
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  return git(cwd, ['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => '');
}

/**
 * On a pull request GitHub checks out a merge commit, and a fix committed on top of it would bring the base
 * branch's changes into the head branch (fix: commit) or into the fix pull request (fix: pull-request): the
 * checkout must be the head commit itself (actions/checkout with `ref: ${{ github.head_ref }}`), in this
 * repository (a fork's branch is out of this run's reach). Returns the pull request's branch.
 */
async function pullRequestBranch(cwd, mode) {
  const pr = eventPayload().pull_request ?? {};
  const headRepo = pr.head?.repo?.full_name;
  if (headRepo && process.env.GITHUB_REPOSITORY && headRepo !== process.env.GITHUB_REPOSITORY) {
    throw new InputError(`fix: ${mode} cannot push to ${headRepo}: the pull request comes from a fork, and this run's token cannot write there`);
  }
  const head = await git(cwd, ['rev-parse', 'HEAD']);
  if (pr.head?.sha && head !== pr.head.sha) {
    throw new InputError(
      `fix: ${mode} needs the pull request's head commit checked out (${pr.head.sha.slice(0, 7)}), not ${head.slice(0, 7)}: ` +
        'GitHub checks out a merge commit for pull requests; use actions/checkout with ref: ${{ github.head_ref }}',
    );
  }
  const branch = process.env.GITHUB_HEAD_REF || pr.head?.ref;
  if (!branch) throw new InputError(`fix: ${mode} cannot tell the pull request's branch (GITHUB_HEAD_REF is not set)`);
  return branch;
}

/** Where `fix: commit` pushes: the pull request's branch, else the checked-out one. */
async function commitTarget(cwd) {
  if (isPullRequestEvent()) return pullRequestBranch(cwd, 'commit');
  const branch = await currentBranch(cwd);
  if (!branch) throw new InputError('fix: commit needs a branch to push to, and HEAD is not on one (check out a branch, or use fix: pull-request)');
  return branch;
}

/** The base of `fix: pull-request`: the `fix-base` input, else the pull request's branch, else the checked-out one. */
async function pullRequestBase(cwd) {
  const prBranch = isPullRequestEvent() ? await pullRequestBranch(cwd, 'pull-request') : '';
  const base = input('fix-base') || prBranch || (await currentBranch(cwd)) || eventPayload().repository?.default_branch;
  if (!base) throw new InputError('fix: pull-request cannot tell which branch to open the pull request against: set fix-base');
  return base;
}

function runUrl() {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = process.env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : '';
}

await runStep(async () => {
  const mode = choiceInput('fix', MODES, 'none');
  if (mode === 'none') return 0;
  const cwd = workspace();
  const dry = dryRun();
  const author = parseAuthor(input('fix-author', DEFAULT_AUTHOR));
  const root = await git(cwd, ['rev-parse', '--show-toplevel']);
  // Decided before anything changes: a wrong checkout fails without touching the tree.
  const target = mode === 'commit' ? { branch: await commitTarget(cwd) } : { base: await pullRequestBase(cwd) };

  const fixArgs = ['fix', '--format', 'json', ...(booleanInput('fix-suggestions', false) ? ['--suggestions'] : []), ...selectionArgs()];
  const r = await runCli(fixArgs, { cwd });
  if (r.code >= 2) {
    annotate('error', `front-contacts fix could not run: ${r.stderr.trim().split('\n').pop() ?? `exit status ${r.code}`}`);
    return 1;
  }
  const report = JSON.parse(r.stdout);
  setOutput('fixes', report.fixed);
  setOutput('files-changed', report.changed.length);
  if (!report.changed.length) {
    process.stdout.write('front-contacts: nothing to fix\n');
    appendSummary(fixSummary(report, root, ''));
    return 0;
  }

  const files = report.changed.map((c) => relativeFile(root, c.filePath));
  const message = `${input('fix-commit-message', "Fix code that breaks with Front's contacts migration")}\n\n${fixTotals(report)}.`;
  const branch = mode === 'commit' ? target.branch : input('fix-branch', `front-contacts/fix-${target.base}`);
  // pull-request: the fix goes on a branch of its own, left checked out for later steps.
  if (mode === 'pull-request') await git(root, ['switch', '-C', branch]);
  await git(root, ['add', '--', ...files]);
  // `commit -- <files>` commits only these files, whatever else the job staged.
  await git(root, ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '--no-verify', '-m', message, '--', ...files]);
  const sha = await git(root, ['rev-parse', 'HEAD']);
  setOutput('fix-commit', sha);
  setOutput('fix-branch', branch);

  // The pull request branch belongs to the action: a later run replaces it (--force); the checked-out branch never.
  const push = ['push', ...(dry ? ['--dry-run'] : []), ...(mode === 'pull-request' ? ['--force'] : []), 'origin', `HEAD:refs/heads/${branch}`];
  process.stdout.write(`git ${push.join(' ')}\n`);
  await git(root, push, { quiet: false });

  if (mode === 'commit') {
    appendSummary(fixSummary(report, root, dry ? `committed as ${sha.slice(0, 7)} on \`${branch}\` (dry run: not pushed)` : `pushed to \`${branch}\` as ${sha.slice(0, 7)}`));
    return 0;
  }

  const base = target.base;
  const bodyFile = path.join(runnerTemp(), 'front-contacts-pull-request.md');
  writeFileSync(bodyFile, pullRequestBody(report, root, { docsUrl: DOCS_URL, runUrl: runUrl() }));
  const repoArgs = process.env.GITHUB_REPOSITORY ? ['--repo', process.env.GITHUB_REPOSITORY] : [];
  const ghEnv = { ...process.env, ...(input('github-token') ? { GH_TOKEN: input('github-token') } : {}) };
  let url = '';
  if (!dry) {
    // An open pull request from this branch already shows the new commit: nothing to create.
    const existing = await runOutward('gh', ['pr', 'list', ...repoArgs, '--head', branch, '--base', base, '--state', 'open', '--json', 'url', '--jq', '.[0].url // empty'], { env: ghEnv, quiet: true });
    url = existing.stdout.trim();
  }
  if (!url) {
    const title = input('fix-pull-request-title', "Fix code that breaks with Front's contacts migration");
    const created = await runOutward('gh', ['pr', 'create', ...repoArgs, '--base', base, '--head', branch, '--title', title, '--body-file', bodyFile], { dryRun: dry, env: ghEnv, quiet: true });
    url = created.stdout.trim().split('\n').pop() ?? '';
  }
  setOutput('pull-request-url', url);
  appendSummary(fixSummary(report, root, dry ? `committed on \`${branch}\` (dry run: no push, no pull request)` : `pushed to \`${branch}\`, pull request ${url}`));
  return 0;
});
