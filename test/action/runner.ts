/**
 * Runs the action's scripts (action/*.mjs) the way a GitHub runner runs a composite action's `run` step:
 * `node action/<script>.mjs` in the workspace, with GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE,
 * RUNNER_TEMP, the event payload in GITHUB_EVENT_PATH, and the inputs as INPUT_* (as action.yml passes them).
 * Nothing of the machine's own GITHUB_* / INPUT_* / RUNNER_* variables leaks in, so the tests behave the same
 * inside GitHub Actions.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ACTION_DIR = path.join(ROOT, 'action');

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What the script appended to $GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What it appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
  runnerTemp: string;
}

/** Reads $GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      out[heredoc[1]] = body.join('\n');
      continue;
    }
    const eq = lines[i].indexOf('=');
    if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
  }
  return out;
}

/** A git config file of its own: no signing or hooks from the machine's global config. */
function gitConfigFile(): string {
  const file = path.join(tmpdir(), 'fc-action-gitconfig');
  if (!existsSync(file)) writeFileSync(file, '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
  return file;
}

export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GH_|REVIEWDOG_)/.test(k)) env[k] = v;
  return { ...env, GIT_CONFIG_GLOBAL: gitConfigFile(), GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
}

export interface StepOptions {
  /** Inputs by their action.yml names: `{ 'fail-on': 'warning' }` → INPUT_FAIL_ON. */
  inputs?: Record<string, string>;
  /** GITHUB_* and other variables (GITHUB_EVENT_NAME, GITHUB_REF…). */
  env?: Record<string, string>;
  /** The webhook payload, written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** RUNNER_TEMP to reuse (the review step reads the cache the check step wrote). */
  runnerTemp?: string;
}

export function runStep(script: string, workspace: string, options: StepOptions = {}): Promise<StepRun> {
  const runnerTemp = options.runnerTemp ?? mkdtempSync(path.join(tmpdir(), 'fc-runner-'));
  const files = mkdtempSync(path.join(tmpdir(), 'fc-step-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  const eventFile = path.join(files, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [path.resolve(ACTION_DIR, script)], { cwd: workspace, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), runnerTemp });
    });
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: cleanEnv() }).trim();
}

/**
 * A repository as actions/checkout leaves it: a clone of a bare `origin` (a folder, so pushes really happen),
 * on `main`, with `files` (or a copy of `copyFrom`) committed.
 */
export function checkout(files: Record<string, string> = {}, copyFrom?: string): { workspace: string; origin: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-action-repo-'));
  const origin = path.join(dir, 'origin.git');
  const seed = path.join(dir, 'seed');
  mkdirSync(seed);
  if (copyFrom) cpSync(copyFrom, seed, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, rel)), { recursive: true });
    writeFileSync(path.join(seed, rel), text);
  }
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'add', '-A');
  git(seed, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'legacy code');
  git(dir, 'clone', '-q', '--bare', seed, origin);
  const workspace = path.join(dir, 'workspace');
  git(dir, 'clone', '-q', origin, workspace);
  return { workspace, origin };
}

export const LEGACY_APP = path.join(ROOT, 'examples', 'legacy-app');

/** The `[dry-run] …` lines a script printed instead of running them. */
export function dryRunLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('[dry-run] ')).map((l) => l.slice('[dry-run] '.length));
}
