/**
 * Atomic writes, proved the hard way: `fix` on 300 files that all need a fix is killed with
 * SIGKILL (right after its first write, at random moments, and inside a write between the
 * temporary file and the rename). After every kill each file is byte-identical to its original
 * or to its fully fixed version (computed here with the engine's fixText), nothing else is in the
 * tree but our hidden `.tmp` files, which discovery never takes for sources, and the next run
 * removes them and finishes the job.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixText } from '../../src/core/index';
import { BIN, ensureBuilt, makeProject, runCli, runCliProcess } from './helpers';

beforeAll(ensureBuilt, 120_000);

const COUNT = 300;
const FOLDERS = ['src/api', 'src/sync', 'lib', 'scripts/jobs'];
const TEMP = /^\..+\.front-contacts-\d+-[0-9a-f]{8}\.tmp$/;

/** 300 files in four folders, 1–20 KB each, each with one or two deprecated URLs in different styles. */
function sources(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const ext = ['ts', 'js', 'tsx', 'mjs'][i % 4];
    const typed = ext === 'ts' || ext === 'tsx';
    const p = typed ? 'teamId: string' : 'teamId';
    const body = [
      `export function list${i}(${p}) {\n  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts?page=${i}');\n}\n`,
      `export const create${i} = (${p}) =>\n  fetch(\`https://api2.frontapp.com/teams/\${teamId}/contacts\`, { method: 'POST', body: '{}' });\n`,
    ].slice(0, 1 + (i % 2));
    const padding = Array.from({ length: 20 + ((i * 37) % 600) }, (_, k) => `// line ${k} of file ${i}: unrelated text to give the file some size\n`).join('');
    files[`${FOLDERS[i % FOLDERS.length]}/file${String(i).padStart(3, '0')}.${ext}`] = `${padding}${body.join('\n')}`;
  }
  return files;
}

const ORIGINAL = sources();
const FIXED: Record<string, string> = Object.fromEntries(Object.entries(ORIGINAL).map(([rel, text]) => [rel, fixText(rel, text).output]));

/** Every entry under dir: source files by content state, anything else by name. */
function inspect(dir: string): { fixed: number; original: number; bad: string[]; temps: string[] } {
  let fixed = 0;
  let original = 0;
  const bad: string[] = [];
  const temps: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p).split(path.sep).join('/');
      if (e.isDirectory()) walk(p);
      else if (rel in ORIGINAL) {
        const text = readFileSync(p, 'utf8');
        if (text === FIXED[rel]) fixed++;
        else if (text === ORIGINAL[rel]) original++;
        else bad.push(`${rel}: neither the original nor the fixed text (${text.length} chars)`);
      } else if (TEMP.test(e.name)) temps.push(rel);
      else bad.push(`${rel}: unexpected file`);
    }
  };
  walk(dir);
  const missing = Object.keys(ORIGINAL).filter((rel) => {
    try {
      return !statSync(path.join(dir, rel)).isFile();
    } catch {
      return true;
    }
  });
  return { fixed, original, bad: [...bad, ...missing.map((m) => `${m}: missing`)], temps };
}

/** Modification time and inode of every source file: a rename into place changes both. */
function fileTimes(dir: string): string[] {
  return Object.keys(ORIGINAL).map((rel) => {
    const st = statSync(path.join(dir, rel));
    return `${st.mtimeMs}:${st.ino}`;
  });
}

/** Starts `fix`, kills it with SIGKILL when `when` says so; resolves with how it ended. */
function fixKilled(dir: string, when: (child: ReturnType<typeof spawn>) => Promise<void>, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'fix', ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' });
  const ended = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  void when(child).then(() => child.kill('SIGKILL'));
  return ended;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('fix killed with SIGKILL', () => {
  let firstWriteMs = 0;
  let totalMs = 0;

  it('the expected texts are what an uninterrupted run writes (and how long it takes, to aim the kills)', async () => {
    const dir = makeProject(ORIGINAL);
    const before = fileTimes(dir);
    const started = Date.now();
    let done = false;
    // A process, like the ones killed below: its timing aims their kills.
    const run = runCliProcess(dir, ['fix']).finally(() => (done = true));
    while (!done && fileTimes(dir).every((t, i) => t === before[i])) await sleep(1);
    firstWriteMs = Date.now() - started;
    const r = await run;
    totalMs = Date.now() - started;
    expect(r.stderr).toBe(`${COUNT + COUNT / 2} fixed, ${COUNT} files changed, 0 remaining\n`);
    expect(inspect(dir)).toEqual({ fixed: COUNT, original: 0, bad: [], temps: [] });
  }, 240_000);

  /** After a kill: each file old or new, only our hidden temporary files besides them. */
  function expectConsistent(dir: string, log: string[], what: string) {
    const state = inspect(dir);
    log.push(`${what}: ${JSON.stringify(state)}`);
    expect(state.bad, log.join('\n')).toEqual([]);
    for (const t of state.temps) expect(path.basename(t)).toMatch(/^\..*\.tmp$/);
    return state;
  }

  /** The next, uninterrupted run: removes what killed runs left, fixes the rest, exits 0; then nothing is left to do. */
  async function expectNextRunFinishes(dir: string, log: string[]) {
    const leftovers = inspect(dir).temps;
    const last = await runCli(dir, ['fix']);
    for (const t of leftovers) expect(last.stderr).toContain(`front-contacts: ${t}: removed a temporary file left by an interrupted run\n`);
    expect(last.code, `${log.join('\n')}\n${last.stderr}`).toBe(0);
    expect(last.stderr).toMatch(/\d+ fixed, \d+ files? changed, 0 remaining\n$/);
    expect(inspect(dir)).toEqual({ fixed: COUNT, original: 0, bad: [], temps: [] });
    expect((await runCli(dir, ['fix'])).stderr).toBe('0 fixed, 0 files changed, 0 remaining\n');
  }

  it('killed right after its first write: one file new, the others old', async () => {
    const dir = makeProject(ORIGINAL);
    const log: string[] = [];
    const before = fileTimes(dir);
    const end = await fixKilled(dir, async () => {
      while (fileTimes(dir).every((t, i) => t === before[i])) await sleep(1);
    });
    expect(end.signal).toBe('SIGKILL');
    const state = expectConsistent(dir, log, 'after the first write');
    expect(state.fixed).toBeGreaterThan(0);
    expect(state.original).toBeGreaterThan(0);
    await expectNextRunFinishes(dir, log);
  }, 240_000);

  it.each([[[]], [['--workers', '0']], [[]], [['--workers', '2']]])('killed at a random moment while writing (%j): every file old or new', async (args: string[]) => {
    expect(totalMs).toBeGreaterThan(0);
    const dir = makeProject(ORIGINAL);
    const delay = firstWriteMs + Math.floor(Math.random() * 0.7 * Math.max(1, totalMs - firstWriteMs));
    const log = [`uninterrupted: first write after ${firstWriteMs} ms, done after ${totalMs} ms; killed after ${delay} ms`];
    const end = await fixKilled(dir, () => sleep(delay), args);
    expectConsistent(dir, log, `${end.signal ?? `exit ${end.code}`}`);
    await expectNextRunFinishes(dir, log);
  }, 240_000);

  it('killed inside a write, between a complete temporary file and its rename: the file is old, the temporary file is hidden, not a source, and removed by the next run', async () => {
    const dir = makeProject(ORIGINAL);
    const log: string[] = [];
    const hook = path.join(dir, '..', `${path.basename(dir)}-kill-hook.cjs`);
    writeFileSync(hook, "const fs = require('node:fs');\nconst rename = fs.promises.rename;\nfs.promises.rename = async function (...a) { process.kill(process.pid, 'SIGKILL'); return rename.apply(this, a); };\n");
    const end = await fixKilled(dir, () => new Promise<void>(() => undefined), [], { NODE_OPTIONS: `--require ${hook}` });
    expect(end.signal).toBe('SIGKILL');
    const state = expectConsistent(dir, log, 'killed before the first rename');
    expect([state.fixed, state.original, state.temps.length]).toEqual([0, COUNT, 1]);
    const temp = readFileSync(path.join(dir, state.temps[0]), 'utf8');
    const rel = path.join(path.dirname(state.temps[0]), path.basename(state.temps[0]).replace(/^\.(.+)\.front-contacts-.*$/, '$1')).split(path.sep).join('/');
    expect(temp).toBe(FIXED[rel]); // complete: the kill came after the data was written and synced
    // discovery does not take it for a source: check sees exactly the 300 files
    const c = await runCli(dir, ['check', '--debug', '--format', 'json']);
    expect(c.stderr).toMatch(new RegExp(`debug: ${COUNT} files, `));
    await expectNextRunFinishes(dir, log);
  }, 240_000);
});
