// Step "check" of action.yml: runs `front-contacts check` into a SARIF file (for the code-scanning upload),
// writes the job summary and the step's outputs. Findings never fail this step, so the upload, the review
// and the fix still run; verdict.mjs applies `fail-on` at the end. A CLI failure (exit 2: bad config, usage,
// internal error) fails it at once.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { annotate, appendSummary, booleanInput, choiceInput, input, runnerTemp, runStep, setOutput, workspace } from './lib/github.mjs';
import { cacheArgs, selectionArgs } from './lib/cli-args.mjs';
import { runCli } from './lib/commands.mjs';
import { FAIL_ON, readSarif, verdict } from './lib/sarif-results.mjs';
import { checkSummary } from './lib/summary.mjs';

await runStep(async () => {
  const failOn = choiceInput('fail-on', FAIL_ON, 'error');
  const uploading = booleanInput('upload-sarif', true);
  const cwd = workspace();
  // Outside the repository by default, so that neither `fix` nor a later `git add` picks it up.
  const sarifFile = path.resolve(cwd, input('sarif-file', path.join(runnerTemp(), 'front-contacts.sarif')));
  mkdirSync(path.dirname(sarifFile), { recursive: true });

  const r = await runCli(['check', '--format', 'sarif', '--output', sarifFile, ...cacheArgs(), ...selectionArgs()], { cwd });
  setOutput('exit-code', r.code);
  if (r.code >= 2 || !existsSync(sarifFile)) {
    const why = r.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit status ${r.code}`;
    annotate('error', `front-contacts check could not run: ${why}`);
    return 1;
  }

  const results = readSarif(JSON.parse(readFileSync(sarifFile, 'utf8')));
  const decision = verdict({ errors: results.errors, warnings: results.warnings, problems: results.problems.length }, failOn);
  setOutput('sarif-file', sarifFile);
  setOutput('errors', results.errors);
  setOutput('warnings', results.warnings);
  setOutput('fixable', results.fixable);
  setOutput('files', results.files);
  setOutput('file-problems', results.problems.length);
  setOutput('failed', decision.failed);
  appendSummary(checkSummary(results, { failOn, verdict: decision, sarifUploaded: uploading }));
  process.stdout.write(`front-contacts: ${results.errors} errors, ${results.warnings} warnings, ${results.problems.length} file problems; ${decision.failed ? `fails (${decision.reason})` : `passes at fail-on: ${failOn}`}\n`);
  return 0;
});
