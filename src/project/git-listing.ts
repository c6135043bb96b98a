/**
 * The files of a folder inside a git work tree, listed by git itself (`git ls-files`) instead of walking the
 * folders: git answers from its index, so listing a 2,700-file application costs one process instead of a
 * readdir per folder, and "what is ignored" is exactly `git status`'s answer. Tracked files that were deleted
 * are left out, untracked files that are not ignored are in. What git does not descend into (submodules,
 * nested repositories, symbolic links to folders) is handed back for the caller to walk.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isSourceFile } from './extensions';
import { runLsFiles, takePrefetchedListing } from './git-prefetch';
import { TEMP_FILE_PATTERN } from './write';

export interface GitListing {
  /** Absolute names of regular source files (tracked and present, or untracked and not ignored). */
  files: string[];
  /** Source files that are symbolic links (to a file, or dangling: the reader says what is wrong). */
  linkedFiles: string[];
  /** Symbolic links to folders: walked like the walker walks linked folders. */
  linkedDirs: string[];
  /** Submodules and nested repositories: listed on their own (their own index and ignore files). */
  nestedRepos: string[];
  /** Temporary files of `fix` (untracked): `fix` removes stale ones. */
  tempFiles: string[];
  /**
   * Every tsconfig.json, jsconfig.json, package.json, pnpm-workspace.yaml and lerna.json below the folder (absolute):
   * module resolution looks for them in every folder, and with this list it needs no folder listing to do so.
   */
  projectFiles: string[];
}

/** The files module resolution looks for in folders (path aliases, workspaces): see DiskSourceHost.setProjectFiles. */
export const PROJECT_FILE_NAMES: ReadonlySet<string> = new Set(['tsconfig.json', 'jsconfig.json', 'package.json', 'pnpm-workspace.yaml', 'lerna.json']);

/** Folders never looked into, as the walker: `.git`, and `node_modules` even when tracked. */
const SKIPPED_SEGMENT = /(?:^|\/)(?:node_modules|\.git)(?:\/|$)/;

/**
 * `git ls-files` below `dir` (which must be inside a work tree), or undefined when git cannot answer cleanly
 * (not installed, unsafe ownership, a folder it could not read: the caller walks the folders then, and reports
 * what it could not read by name).
 */
export async function listGitFiles(dir: string): Promise<GitListing | undefined> {
  const { failed, stdout, stderr } = await (takePrefetchedListing(dir) ?? runLsFiles(dir));
  // Nothing listed: an empty folder, or one git ignores as a whole (`check dist/` names it on purpose): walk it.
  if (failed || stderr.trim() || !stdout) return undefined;
  try {
    return parseListing(dir, stdout);
  } catch {
    return undefined;
  }
}

function parseListing(dir: string, stdout: string): GitListing {
  const out: GitListing = { files: [], linkedFiles: [], linkedDirs: [], nestedRepos: [], tempFiles: [], projectFiles: [] };
  const deleted = new Set<string>();
  const entries: { tag: string; mode: string; rel: string }[] = [];
  for (const entry of stdout.split('\0')) {
    if (!entry) continue;
    // "H 100644 <sha> 0\tpath" for index entries, "? path" for untracked ones.
    const tag = entry[0];
    const tab = entry.indexOf('\t');
    const rel = tab >= 0 ? entry.slice(tab + 1) : entry.slice(2);
    const mode = tab >= 0 ? entry.slice(2, entry.indexOf(' ', 2)) : '';
    if (tag === 'R') deleted.add(rel);
    else entries.push({ tag, mode, rel });
  }
  const seen = new Set<string>();
  const folders = new Map<string, Map<string, boolean> | undefined>();
  for (const { tag, mode, rel } of entries) {
    if (deleted.has(rel) || seen.has(rel)) continue; // an unmerged file is listed once per stage
    seen.add(rel);
    if (SKIPPED_SEGMENT.test(rel)) continue;
    const abs = path.join(dir, rel);
    if (rel.endsWith('/')) {
      // an untracked folder git did not enter: a nested repository
      out.nestedRepos.push(abs.replace(/[\\/]+$/, ''));
      continue;
    }
    if (mode === '160000') {
      out.nestedRepos.push(abs);
      continue;
    }
    const name = path.basename(rel);
    if (PROJECT_FILE_NAMES.has(name)) out.projectFiles.push(abs);
    if (tag === '?') {
      // Untracked: git did not say whether it is a link; its folder's listing does.
      if (TEMP_FILE_PATTERN.test(name)) {
        out.tempFiles.push(abs);
        continue;
      }
      const kind = untrackedKind(folders, abs);
      if (kind === 'gone') continue; // gone since git looked
      if (kind === 'link') addLink(out, abs, name);
      else if (isSourceFile(name)) out.files.push(abs);
      continue;
    }
    if (mode === '120000') addLink(out, abs, name);
    else if (isSourceFile(name)) out.files.push(abs);
  }
  return out;
}

/**
 * Whether an untracked entry is a symbolic link (git does not say), from one listing of its folder: a repository
 * whose files are mostly untracked (a fresh `git init`, generated trees) would otherwise cost an lstat per file.
 * `folders` caches each folder's names (true: a link); undefined for a folder that cannot be listed.
 */
function untrackedKind(folders: Map<string, Map<string, boolean> | undefined>, abs: string): 'file' | 'link' | 'gone' {
  const folder = path.dirname(abs);
  let names = folders.get(folder);
  if (!folders.has(folder)) {
    try {
      names = new Map(readdirSync(folder, { withFileTypes: true }).map((e) => [e.name, e.isSymbolicLink()]));
    } catch {
      names = undefined;
    }
    folders.set(folder, names);
  }
  if (!names) {
    try {
      return lstatSync(abs).isSymbolicLink() ? 'link' : 'file';
    } catch {
      return 'gone';
    }
  }
  const isLink = names.get(path.basename(abs));
  return isLink === undefined ? 'gone' : isLink ? 'link' : 'file';
}

function addLink(out: GitListing, abs: string, name: string): void {
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // dangling: kept if named like a source file, so the reader reports it
  }
  if (isDir) out.linkedDirs.push(abs);
  else if (isSourceFile(name)) out.linkedFiles.push(abs);
}
