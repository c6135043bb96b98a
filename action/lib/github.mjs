// The parts of the GitHub Actions runner protocol the action's scripts use: inputs, outputs, the job
// summary and workflow commands. Plain Node, no @actions/toolkit: the action installs nothing for itself.
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * An input of the action. A composite action's `run` steps get no `INPUT_*` variables of their own, so
 * action.yml passes each one a script reads in the step's `env:` (test/action/action-yml.test.ts checks that
 * every name read here is declared and passed). `fail-on` → `INPUT_FAIL_ON`.
 */
export function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').replace(/-/g, '_').toUpperCase()}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

/** A `true`/`false` input, as YAML 1.2 core writes booleans (what GitHub accepts for its own inputs). */
export function booleanInput(name, fallback = false) {
  const value = input(name, String(fallback));
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new InputError(`input ${name} must be true or false, got "${value}"`);
}

/** An input that must be one of `choices`. */
export function choiceInput(name, choices, fallback) {
  const value = input(name, fallback);
  if (!choices.includes(value)) throw new InputError(`input ${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return value;
}

/** One value per line; a single line is split on whitespace (`paths: src lib`). */
export function listInput(name, fallback = []) {
  const raw = input(name);
  if (!raw) return fallback;
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length === 1 ? lines[0].split(/\s+/) : lines;
}

export class InputError extends Error {}

/** `dry-run: true`: what would reach GitHub (reviews, pushes, pull requests) is printed instead of done. */
export function dryRun() {
  return booleanInput('dry-run', false);
}

export function workspace() {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

export function runnerTemp() {
  return process.env.RUNNER_TEMP || tmpdir();
}

/** Appends `name=value` to $GITHUB_OUTPUT, in the multi-line form so that any value is safe. */
export function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  const text = String(value);
  if (!file) {
    process.stdout.write(`output ${name}=${text}\n`);
    return;
  }
  let delimiter;
  do delimiter = `front_contacts_${randomBytes(8).toString('hex')}`;
  while (text.includes(delimiter));
  appendFileSync(file, `${name}<<${delimiter}\n${text}\n${delimiter}\n`);
}

/** Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY); without it (a local run) prints it. */
export function appendSummary(markdown) {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + '\n');
  else process.stdout.write(markdown + '\n');
}

function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `::error::` / `::warning::` / `::notice::` workflow commands (annotations on the run). */
export function annotate(kind, message) {
  process.stdout.write(`::${kind}::${escapeData(message)}\n`);
}

/** The webhook payload of the event that started the workflow ({} when there is none). */
export function eventPayload() {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

export function isPullRequestEvent() {
  return ['pull_request', 'pull_request_target'].includes(process.env.GITHUB_EVENT_NAME ?? '');
}

/**
 * Runs `main`, turning an InputError (or any failure) into an `::error::` annotation and exit code 1,
 * which fails the step.
 */
export async function runStep(main) {
  try {
    const code = await main();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (e) {
    annotate('error', e instanceof InputError ? e.message : `front-contacts action: ${e?.stack ?? e}`);
    process.exitCode = 1;
  }
}
