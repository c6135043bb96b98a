/**
 * Shared by the CLI tests: build dist/ once (serialised between test files), run the built
 * bin in a temp project, and validate SARIF with Microsoft's real validator.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'front-contacts.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * `npm run build` unless dist/cli.js is newer than every source file. Test files run in
 * parallel: a lock folder keeps two builds from writing dist/ at once.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = path.join(tmpdir(), 'front-contacts-cli-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after two minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error('timed out waiting for the build lock');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'packages/runtime/src')), statSync(path.join(ROOT, 'package.json')).mtimeMs);
    if (stale) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmdirSync(lock);
  }
}

/** A fresh folder per test, filled from a { relativePath: content } map. */
export function makeProject(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-cli-'));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a CLI run sees: this process's, colour variables cleared unless given, `env` on top. */
function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
  return fullEnv;
}

type CliMain = (argv: string[], io: { cwd: string; env: NodeJS.ProcessEnv; stdout: { write(chunk: string): unknown }; stderr: { write(chunk: string): unknown } }) => Promise<number>;
let cliMain: CliMain | undefined;

/**
 * Runs the built CLI (dist/cli.js) with `cwd` as working folder and returns what it wrote and its exit code.
 * In this process: main() takes its working folder, environment and streams as arguments (src/cli/io.ts), so
 * a run here is the run the bin makes, without starting Node and loading TypeScript again for every case.
 * Tests about the process itself (signals, the code cache of a cold start, the bin launcher) use
 * runCliProcess, and so does a run given NODE_OPTIONS; FRONT_CONTACTS_TEST_SPAWN=1 sends every run through
 * a process, to compare.
 */
export async function runCli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  // A preload hook (NODE_OPTIONS=--require …) acts only in a process of its own.
  if (process.env.FRONT_CONTACTS_TEST_SPAWN === '1' || env.NODE_OPTIONS !== undefined) return runCliProcess(cwd, args, env);
  // Loaded by Node itself (not through vitest's transform), like the bin loads it.
  cliMain ??= (createRequire(__filename)(CLI) as { main: CliMain }).main;
  let stdout = '';
  let stderr = '';
  const code = await cliMain(args, {
    cwd,
    env: cliEnv(env),
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** Runs the built bin in a new Node process with `cwd` as working folder. */
export function runCliProcess(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const fullEnv = cliEnv(env);
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: fullEnv, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

export interface SarifValidation {
  /** The validator's results (errors and warnings), as `ruleId: message` lines. */
  issues: string[];
  /** Whether the SARIF SDK could deserialise the log at all (`validate` is silent when it cannot). */
  deserialised: boolean;
}

/**
 * Runs `Sarif.Multitool validate` (JSON schema + SARIF rules) on a log, plus `rewrite`, which
 * fails when the SDK cannot deserialise it: `validate` alone reports nothing for a log with,
 * for example, a misspelt enum value.
 */
export function validateSarif(sarifFile: string): SarifValidation {
  // npm may skip the package's chmod postinstall.
  chmodSync(MULTITOOL, 0o755);
  const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
  const out = `${sarifFile}.validation.sarif`;
  const v = spawnSync(MULTITOOL, ['validate', sarifFile, '--output', out, '--log', 'ForceOverwrite'], { env, encoding: 'utf8' });
  if (v.status !== 0) throw new Error(`Sarif.Multitool validate failed (${v.status}): ${v.stdout}\n${v.stderr}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }[] }[] };
  const issues = (log.runs[0].results ?? []).map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? (r.message.arguments ?? []).join(' | ')}`);
  const rw = spawnSync(MULTITOOL, ['rewrite', sarifFile, '--output', `${sarifFile}.rewritten.sarif`, '--log', 'ForceOverwrite'], { env, encoding: 'utf8' });
  return { issues, deserialised: rw.status === 0 };
}

/** The uid and gid of `nobody`, for which mode bits apply (they do not for root). */
export const NOBODY = 65534;

export type NobodyRunner = { run(cwd: string, args: string[], env?: Record<string, string>): Promise<RunResult>; bin: string } | { skip: string };

const nobodyRunners = new Map<string, NobodyRunner>();

/**
 * Runs the built CLI as `nobody`. The checkout may sit where `nobody` cannot reach it (cloned as root under
 * a 0700 home folder), so what runs is first copied into a temporary folder of its own: bin/, the CLI bundles,
 * and the TypeScript file they load. Then one probe run: when `nobody` still cannot run it (this process is not
 * root, or node itself or the temporary folder is out of its reach) the answer is `{ skip: reason }`, for the
 * test to skip with, instead of failing on empty output.
 */
export function nobodyRunner(root: string = ROOT): NobodyRunner {
  const known = nobodyRunners.get(root);
  if (known) return known;
  const made = makeNobodyRunner(root);
  nobodyRunners.set(root, made);
  return made;
}

function makeNobodyRunner(root: string): NobodyRunner {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { skip: 'running as another user needs root' };
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-nobody-bin-'));
  chmodSync(dir, 0o755);
  const copy = (from: string, to: string) => {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, to), readFileSync(from));
    chmodSync(path.join(dir, to), 0o644);
  };
  copy(path.join(root, 'bin', 'front-contacts.js'), 'bin/front-contacts.js');
  for (const f of ['cli.js', 'cli-worker.js']) copy(path.join(root, 'dist', f), path.join('dist', f));
  const common = path.dirname(require.resolve('@ts-morph/common/package.json', { paths: [root] }));
  copy(path.join(common, 'package.json'), 'node_modules/@ts-morph/common/package.json');
  copy(path.join(common, 'dist', 'typescript.js'), 'node_modules/@ts-morph/common/dist/typescript.js');
  for (let d = path.join(dir, 'node_modules'); d.startsWith(dir) && d !== dir; d = path.dirname(d)) chmodSync(d, 0o755);
  for (const d of ['bin', 'dist', 'node_modules/@ts-morph', 'node_modules/@ts-morph/common', 'node_modules/@ts-morph/common/dist']) chmodSync(path.join(dir, d), 0o755);
  const bin = path.join(dir, 'bin', 'front-contacts.js');
  const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', FRONT_CONTACTS_CODE_CACHE: '0' };
  const probe = spawnSync(process.execPath, [bin, '--version'], { cwd: dir, uid: NOBODY, gid: NOBODY, env: baseEnv, encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = (probe.error?.message ?? probe.stderr ?? '').trim().split('\n')[0];
    return { skip: `nobody (uid ${NOBODY}) cannot run ${process.execPath} ${bin}: ${why || `exit ${probe.status}`}` };
  }
  return {
    bin,
    run(cwd, args, env = {}) {
      return new Promise((resolve) => {
        execFile(process.execPath, [bin, ...args], { cwd, uid: NOBODY, gid: NOBODY, env: { ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
        });
      });
    },
  };
}
