/**
 * Git-ignored paths, asked from git itself once per run (per repository), so that global
 * excludes, .git/info/exclude and nested .gitignore files behave exactly as in `git status`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The folder holding `.git` (a folder, or a file for worktrees/submodules) at or above `dir`. */
export function findGitWorkTree(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

export interface GitIgnored {
  /** Absolute paths of ignored files. */
  files: Set<string>;
  /** Absolute paths of ignored folders (everything below is ignored). */
  dirs: Set<string>;
}

/**
 * Ignored, untracked paths below `dir` (which must be inside a work tree), or undefined when
 * git cannot answer (not installed, not a repository, unsafe ownership...): callers then
 * read .gitignore files themselves.
 */
export function listGitIgnored(dir: string): Promise<GitIgnored | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
      { cwd: dir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (err, stdout) => {
        if (err) return resolve(undefined);
        const files = new Set<string>();
        const dirs = new Set<string>();
        for (const entry of stdout.split('\0')) {
          if (!entry) continue;
          if (entry.endsWith('/')) dirs.add(path.resolve(dir, entry.slice(0, -1)));
          else files.add(path.resolve(dir, entry));
        }
        resolve({ files, dirs });
      },
    );
  });
}
