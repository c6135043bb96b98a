// Running other programs: the front-contacts CLI of this checkout, git, and the programs that reach GitHub
// (reviewdog, gh, git push), which `dry-run` prints instead of running.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository the action lives in (its `github.action_path`): action/lib/ is two levels below it. */
export const ACTION_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BIN = path.join(ACTION_ROOT, 'bin', 'front-contacts.js');

/** A command as a POSIX shell would read it back: for logs and the dry-run lines tests read. */
export function shellQuote(argv) {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs `command` with `args` and resolves to { code, stdout, stderr }. stderr is passed on to the step log as
 * it comes (the CLI's messages belong there); stdout is collected, and echoed too unless `quiet`.
 */
export function run(command, args, { cwd, env, stdinFile, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    // Windows runs npm.cmd only through a shell (Node refuses to spawn .cmd files directly).
    const shell = process.platform === 'win32' && /\.cmd$/i.test(command);
    const child = spawn(command, args, { cwd, env: env ?? process.env, shell, stdio: [stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    if (stdinFile) createReadStream(stdinFile).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Like `run`, but a non-zero exit is an error that names the command. */
export async function runChecked(command, args, options = {}) {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(`${shellQuote([command, ...args])} exited with ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
  return r;
}

/**
 * A command that changes something on GitHub. With `dryRun` it is printed as one line,
 * `[dry-run] <command as shell words>` (and `< file` for its input), and not run.
 */
export async function runOutward(command, args, { dryRun, ...options } = {}) {
  if (dryRun) {
    process.stdout.write(`[dry-run] ${shellQuote([command, ...args])}${options.stdinFile ? ` < ${shellQuote([options.stdinFile])}` : ''}\n`);
    return { code: 0, stdout: '', stderr: '', dryRun: true };
  }
  return runChecked(command, args, options);
}

/** Runs this checkout's CLI (`node bin/front-contacts.js …`) in `cwd`. */
export function runCli(args, { cwd, quiet = true } = {}) {
  process.stdout.write(`front-contacts ${shellQuote(args)}\n`);
  return run(process.execPath, [CLI_BIN, ...args], { cwd, quiet, env: { ...process.env, NO_COLOR: '1' } });
}

export function git(cwd, args, options = {}) {
  return runChecked('git', args, { cwd, quiet: true, ...options }).then((r) => r.stdout.trim());
}
