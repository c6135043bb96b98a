/**
 * `git ls-files` for the folders a `check` or `fix` will list, started by the launcher (bin/front-contacts.js)
 * before it loads the CLI's bundle: git reads its index on the other core while Node loads ~0.5 MB of bundle and
 * the config, and listGitFiles (git-listing.ts) takes the answer instead of starting git itself. On a 2,700-file
 * application git takes ~40 ms, most of which no longer waits in line.
 *
 * The guess is cheap and never decides anything: every argument after the command that is a folder (options'
 * values included), or the working folder when there is none, inside a git work tree. A folder the run lists but
 * the guess missed is listed as before; a guess the run does not use costs a git process on the other core.
 * The launcher's copy of this module (dist/git-prefetch.js) and the bundle's share the answers through globalThis.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { findGitWorkTree } from './git';

/** -t tags each entry (H tracked, R deleted, ? untracked), -s adds the mode (120000 link, 160000 submodule). */
const LS_FILES = ['-c', 'core.quotePath=false', 'ls-files', '-z', '-t', '-s', '--cached', '--deleted', '--others', '--exclude-standard'];
const MAX_GUESSES = 4;

export interface RawListing {
  failed: boolean;
  stdout: string;
  stderr: string;
}

function started(): Map<string, Promise<RawListing>> {
  const g = globalThis as { [STARTED]?: Map<string, Promise<RawListing>> };
  return (g[STARTED] ??= new Map());
}
const STARTED = Symbol.for('front-contacts.git-ls-files');

/** `git ls-files` (the listing's options) in `dir`. */
export function runLsFiles(dir: string): Promise<RawListing> {
  return new Promise((resolve) => {
    execFile('git', LS_FILES, { cwd: dir, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) =>
      resolve({ failed: !!err, stdout, stderr }),
    );
  });
}

/** The launcher: starts the listings a `check`/`fix` with these arguments will most likely ask for. */
export function prefetchGitListings(argv: readonly string[], cwd: string): void {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'fix') return;
  const isFolder = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  const named = rest.filter((a) => !a.startsWith('-')).map((a) => path.resolve(cwd, a)).filter(isFolder);
  const dirs = named.length ? named.slice(0, MAX_GUESSES) : [path.resolve(cwd)];
  for (const dir of dirs) if (!started().has(dir) && findGitWorkTree(dir)) started().set(dir, runLsFiles(dir));
}

/** The listing of `dir` the launcher started, if it did (each is taken once). */
export function takePrefetchedListing(dir: string): Promise<RawListing> | undefined {
  const p = started().get(dir);
  started().delete(dir);
  return p;
}
