// Step "review" of action.yml (input `reviewdog: true`): on a pull request, writes `front-contacts check
// --format rdjson` (each safe fix is a suggestion there) and hands it to reviewdog, which posts the findings
// on the changed lines as a review, the fixes as suggested changes the author commits with one click.
// Outside pull requests there is nothing to review; with `dry-run` the reviewdog command is printed.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { annotate, appendSummary, choiceInput, dryRun, input, isPullRequestEvent, runnerTemp, runStep, setOutput, workspace } from './lib/github.mjs';
import { cacheArgs, selectionArgs } from './lib/cli-args.mjs';
import { runCli, runOutward } from './lib/commands.mjs';

const REPORTERS = ['github-pr-review', 'github-pr-check', 'github-pr-annotations', 'github-check'];
const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'];

await runStep(async () => {
  const reporter = choiceInput('reviewdog-reporter', REPORTERS, 'github-pr-review');
  const filterMode = choiceInput('reviewdog-filter-mode', FILTER_MODES, 'added');
  if (!isPullRequestEvent() && reporter.startsWith('github-pr-')) {
    process.stdout.write(`front-contacts: no review: ${process.env.GITHUB_EVENT_NAME || 'this run'} is not a pull request event\n`);
    setOutput('reviewed', false);
    return 0;
  }
  const cwd = workspace();
  const rdjsonFile = path.join(runnerTemp(), 'front-contacts.rdjson');
  // Same selection as the check step: answered from its cache.
  const r = await runCli(['check', '--format', 'rdjson', '--output', rdjsonFile, ...cacheArgs(), ...selectionArgs()], { cwd });
  if (r.code >= 2) {
    annotate('error', `front-contacts check could not run: ${r.stderr.trim().split('\n').pop() ?? `exit status ${r.code}`}`);
    return 1;
  }
  const diagnostics = JSON.parse(readFileSync(rdjsonFile, 'utf8')).diagnostics ?? [];
  const withSuggestions = diagnostics.filter((d) => d.suggestions?.length).length;
  setOutput('rdjson-file', rdjsonFile);

  const token = input('github-token');
  // No -fail-level / -fail-on-error: reviewdog exits 0 on findings, and verdict.mjs applies fail-on.
  const args = ['-f=rdjson', '-name=front-contacts', `-reporter=${reporter}`, `-filter-mode=${filterMode}`];
  await runOutward('reviewdog', args, {
    dryRun: dryRun(),
    cwd,
    stdinFile: rdjsonFile,
    env: { ...process.env, ...(token ? { REVIEWDOG_GITHUB_API_TOKEN: token } : {}) },
  });
  setOutput('reviewed', true);
  appendSummary(
    `### front-contacts review\n\n${diagnostics.length} findings (${withSuggestions} with a suggested change) handed to reviewdog ` +
      `(\`-reporter=${reporter} -filter-mode=${filterMode}\`)${dryRun() ? ' — dry run, nothing posted' : ''}. ` +
      (filterMode === 'added' ? 'Only findings on lines this pull request adds or changes are posted.\n' : '\n'),
  );
  return 0;
});
