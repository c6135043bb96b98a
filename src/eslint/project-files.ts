/**
 * The files whose imports the plugin's host searches for importers (what callers in other files pass to a
 * function or constructor). The CLI searches the files it discovered under the folder it checks; ESLint's
 * counterpart is its working folder: `eslint .` and `front-contacts check .` in one folder see the same
 * importers, a monorepo's packages included. A file outside that folder gets the files of its own project
 * (the nearest folder with a package.json or .git).
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isSourceFile } from '../project/extensions';

/** Beyond this many files (ESLint run from a home folder, say) the walk stops: importers are found among those listed. */
const MAX_FILES = 20_000;
/** Files are added or removed rarely: an editor's ESLint, which lints after every pause, walks again after this long. */
const LIST_TTL_MS = 30_000;
/** Skipped like the CLI's discovery skips them. */
const SKIPPED = new Set(['.git', 'node_modules']);

export interface ProjectFiles {
  root: string;
  files: string[];
}

const listed = new Map<string, { files: string[]; at: number }>();

function nearestProjectRoot(file: string): string {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json')) || existsSync(path.join(d, '.git'))) return d;
    if (d === path.dirname(d)) return path.dirname(file);
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The folder to search from for `file`: ESLint's cwd when the file is in it, else the file's project. */
export function projectRootFor(file: string, cwd: string): string {
  return isInside(cwd, file) ? cwd : nearestProjectRoot(file);
}

function walk(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < MAX_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (SKIPPED.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && isSourceFile(e.name)) out.push(p);
    }
  }
  return out.sort();
}

export function projectFiles(root: string, now: number): string[] {
  const hit = listed.get(root);
  if (hit && now - hit.at <= LIST_TTL_MS) return hit.files;
  const files = walk(root);
  listed.set(root, { files, at: now });
  return files;
}

/** Forgets the listings (tests). */
export function forgetProjectFiles(): void {
  listed.clear();
}
