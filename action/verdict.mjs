// Last step of action.yml: fails the job at the `fail-on` threshold, after the SARIF upload, the review and
// the fix have had their turn. Reads the SARIF file the check step wrote (its `sarif-file` output).
import { readFileSync } from 'node:fs';
import { annotate, choiceInput, InputError, runStep } from './lib/github.mjs';
import { FAIL_ON, readSarif, verdict } from './lib/sarif-results.mjs';

await runStep(async () => {
  const failOn = choiceInput('fail-on', FAIL_ON, 'error');
  const sarifFile = process.env.FRONT_CONTACTS_SARIF_FILE;
  if (!sarifFile) throw new InputError('FRONT_CONTACTS_SARIF_FILE is not set: the check step did not run');
  const results = readSarif(JSON.parse(readFileSync(sarifFile, 'utf8')));
  const decision = verdict({ errors: results.errors, warnings: results.warnings, problems: results.problems.length }, failOn);
  if (!decision.failed) {
    process.stdout.write(`front-contacts: passes at fail-on: ${failOn}\n`);
    return 0;
  }
  annotate('error', `front-contacts found code that breaks with Front's contacts migration: ${decision.reason} (see the job summary${results.fixable ? `; ${results.fixable} fixable with \`front-contacts fix\`` : ''}).`);
  return 1;
});
