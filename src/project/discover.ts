/**
 * File discovery: the source files below the paths a user names, skipping `.git`,
 * `node_modules` (below the named path), git-ignored files and the config's `ignore` globs.
 * Symlinked folders are followed once (by real path), so links back up the tree cannot loop.
 */
import { promises as fsp, realpathSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { isSourceFile } from './extensions';
import { findGitWorkTree, listGitIgnored, type GitIgnored } from './git';
import { listGitFiles } from './git-listing';
import { isIgnored, isIgnoredWithParents, parseIgnoreFile, type IgnoreRule } from './ignore';
import { mapLimit } from './limit';
import { TEMP_FILE_PATTERN } from './write';

export interface DiscoverOptions {
  cwd: string;
  /** Rules from the config's `ignore` (gitignore syntax, relative to the config's folder). */
  ignore?: readonly IgnoreRule[];
  /** Honour .gitignore (default true). */
  gitignore?: boolean;
  /** In a git work tree, list files through `git ls-files` (default true); false walks the folders. */
  gitListing?: boolean;
}

export interface DiscoverNote {
  file: string;
  message: string;
}

export interface DiscoverResult {
  /** Absolute file names, sorted, each once. */
  files: string[];
  /** Named paths that do not exist (a usage error for the CLI). */
  missing: string[];
  /** Things worth telling the user that are not errors (an explicit file that is skipped). */
  notes: DiscoverNote[];
  /**
   * Paths that could not be looked into (an unreadable folder, a named file behind a folder we may not
   * enter), with the reason: errors, since the files in them go unchecked.
   */
  problems: DiscoverNote[];
  /** Temporary files of `fix` seen while walking (a killed run may leave one; `fix` removes stale ones). */
  tempFiles: string[];
  /** Folders listed through git, with every project file (tsconfig.json, package.json…) below each: see git-listing.ts. */
  projectFiles: { root: string; files?: string[] }[];
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const DIR_CONCURRENCY = 16;

interface WalkContext {
  files: Set<string>;
  /** Real paths of folders already walked. */
  visited: Set<string>;
  /** Symlinked folders found while walking: walked after the real tree, if not seen yet. */
  linkedDirs: { dir: string; rules: IgnoreRule[] }[];
  git?: GitIgnored;
  /** The named folder this walk started from. */
  root: string;
  /** Parse .gitignore files ourselves (no git work tree, or git could not answer). */
  readGitignores: boolean;
  configIgnore: readonly IgnoreRule[];
  tempFiles: string[];
  notes: DiscoverNote[];
  problems: DiscoverNote[];
  /** Files reached through a symbolic link (a file link, or a linked folder): deduplicated by real path at the end. */
  linkedFiles: Set<string>;
  /** Inside a linked folder: every file found counts as linked. */
  underLink: boolean;
  /** Filled by folders listed through git. */
  projectFiles?: { root: string; files?: string[] }[];
}

/** Why a folder or a named path could not be read, in words. */
export function accessProblem(e: unknown, what: 'folder' | 'path'): string {
  const code = (e as NodeJS.ErrnoException).code;
  const subject = what === 'folder' ? 'cannot read folder' : 'cannot read';
  if (code === 'EACCES' || code === 'EPERM') return `${subject}: permission denied`;
  if (code === 'ELOOP') return `${subject}: symbolic link loop`;
  if (code === 'ENOTDIR') return `${subject}: a part of the path is not a folder`;
  return `${subject}: ${code ?? ''} ${(e as Error).message}`.trim();
}

async function gitignoreRulesAbove(dir: string, stopAt: string | undefined): Promise<IgnoreRule[]> {
  // .gitignore files in the folders above `dir`, up to the work tree (or cwd) root.
  if (!stopAt) return [];
  const rel = path.relative(stopAt, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [];
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const r = path.relative(stopAt, d);
    if (r.startsWith('..') || path.isAbsolute(r)) break;
    chain.unshift(d);
    if (d === path.dirname(d)) break;
  }
  const rules: IgnoreRule[] = [];
  for (const d of chain) {
    const text = await fsp.readFile(path.join(d, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) rules.push(...parseIgnoreFile(text, d));
  }
  return rules;
}

async function walkDir(ctx: WalkContext, dir: string, realDir: string, inherited: IgnoreRule[]): Promise<void> {
  if (ctx.visited.has(realDir)) return;
  ctx.visited.add(realDir);
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    // Its files go unchecked: an error, named, never a silent "0 files".
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') ctx.problems.push({ file: dir, message: accessProblem(e, 'folder') });
    return;
  }
  // A nested repository (submodule, vendored checkout) has its own ignore rules; ask its git once.
  if (ctx.git && dir !== ctx.root && entries.some((e) => e.name === '.git')) {
    const nested = await listGitIgnored(dir);
    if (nested) {
      for (const f of nested.files) ctx.git.files.add(f);
      for (const d of nested.dirs) ctx.git.dirs.add(d);
    }
  }
  let rules = inherited;
  if (ctx.readGitignores && entries.some((e) => e.name === '.gitignore')) {
    const text = await fsp.readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) rules = [...inherited, ...parseIgnoreFile(text, dir)];
  }
  const subdirs: { dir: string; real: string }[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    let linked = false;
    if (e.isSymbolicLink()) {
      linked = true;
      try {
        const st = await fsp.stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        // Dangling link: keep it if it looks like a source file, so the reader reports it.
        isFile = true;
      }
    }
    if (isDir) {
      if (SKIPPED_FOLDERS.has(e.name)) continue;
      if (ctx.git?.dirs.has(full)) continue;
      if (rules.length && isIgnored(rules, full, true)) continue;
      if (ctx.configIgnore.length && isIgnored(ctx.configIgnore, full, true)) continue;
      if (linked) ctx.linkedDirs.push({ dir: full, rules });
      else subdirs.push({ dir: full, real: path.join(realDir, e.name) });
    } else if (isFile) {
      if (!isSourceFile(e.name)) {
        if (!linked && TEMP_FILE_PATTERN.test(e.name)) ctx.tempFiles.push(full);
        continue;
      }
      if (ctx.git?.files.has(full)) continue;
      if (rules.length && isIgnored(rules, full, false)) continue;
      if (ctx.configIgnore.length && isIgnored(ctx.configIgnore, full, false)) continue;
      ctx.files.add(full);
      if (linked || ctx.underLink) ctx.linkedFiles.add(full);
    } else if (isSourceFile(e.name)) {
      // A FIFO, socket or device named like a source file: reading it could block forever.
      if (ctx.git?.files.has(full)) continue;
      if (rules.length && isIgnored(rules, full, false)) continue;
      if (ctx.configIgnore.length && isIgnored(ctx.configIgnore, full, false)) continue;
      ctx.notes.push({ file: full, message: 'skipped: not a regular file' });
    }
  }
  await mapLimit(subdirs, DIR_CONCURRENCY, (s) => walkDir(ctx, s.dir, s.real, rules));
}

/**
 * Lists `dir` through git (see git-listing.ts) into the walk's results; false when git could not answer, and
 * the caller walks the folders instead. Submodules and nested repositories are listed by their own git (or
 * walked); symbolic links to folders outside `dir` are walked (inside it, git's listing already has their files).
 */
async function addGitListedFiles(ctx: WalkContext, dir: string): Promise<boolean> {
  const listed = await listGitFiles(dir);
  if (!listed) return false;
  const ignoredDir = new Map<string, boolean>();
  const configIgnores = (file: string, isDir: boolean): boolean => {
    if (!ctx.configIgnore.length) return false;
    const parent = path.dirname(file);
    let inIgnored = ignoredDir.get(parent);
    if (inIgnored === undefined) ignoredDir.set(parent, (inIgnored = isIgnoredWithParents(ctx.configIgnore, parent, true)));
    return inIgnored || isIgnored(ctx.configIgnore, file, isDir);
  };
  for (const f of listed.files) if (!configIgnores(f, false)) ctx.files.add(f);
  for (const f of listed.linkedFiles) {
    if (configIgnores(f, false)) continue;
    ctx.files.add(f);
    ctx.linkedFiles.add(f);
  }
  ctx.tempFiles.push(...listed.tempFiles);
  ctx.projectFiles?.push({ root: dir, files: listed.projectFiles });
  for (const nested of listed.nestedRepos) {
    if (configIgnores(nested, true)) continue;
    if (await addGitListedFiles({ ...ctx, root: nested }, nested)) continue;
    const git = await listGitIgnored(nested);
    ctx.projectFiles?.push({ root: nested }); // walked: its project files are not known
    await walkDir({ ...ctx, root: nested, git, readGitignores: !git }, nested, realpathOrSelf(nested), []);
  }
  const realRoot = realpathOrSelf(dir);
  for (const link of listed.linkedDirs) {
    if (configIgnores(link, true)) continue;
    const real = realpathOrSelf(link);
    if (real === realRoot || real.startsWith(realRoot + path.sep)) continue;
    ctx.projectFiles?.push({ root: link });
    await walkDir({ ...ctx, underLink: true, git: { files: new Set(), dirs: new Set() }, readGitignores: false }, link, real, []);
  }
  return true;
}

/** Symlinked folders last, so a folder reachable both ways is reported under its own name. */
async function walkLinkedDirs(ctx: WalkContext): Promise<void> {
  while (ctx.linkedDirs.length) {
    const batch = ctx.linkedDirs.splice(0).sort((a, b) => (a.dir < b.dir ? -1 : 1));
    for (const l of batch) {
      const real = realpathOrSelf(l.dir);
      // Files inside a linked folder are not in git's ignore listing for its real location.
      await walkDir({ ...ctx, underLink: true }, l.dir, real, l.rules);
    }
  }
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/**
 * One file, one report: a file reached through a symbolic link whose target is also found (by its own name,
 * or through another link) is kept once, under the name that is not a link when there is one. Checking
 * it twice reported everything twice, and `fix` then found its second copy "changed on disk".
 */
function dedupeByRealPath(files: Set<string>, linked: ReadonlySet<string>): void {
  if (!linked.size) return;
  const dirReal = new Map<string, string>();
  const realOf = (f: string): string => {
    // A dangling link or a loop resolves to itself: kept, and the reader says what is wrong with it.
    if (linked.has(f)) return realpathOrSelf(f);
    const dir = path.dirname(f);
    let real = dirReal.get(dir);
    if (real === undefined) dirReal.set(dir, (real = realpathOrSelf(dir)));
    return path.join(real, path.basename(f));
  };
  const owner = new Set<string>();
  // Files that are not links first, then links in path order: the first name of each real file is kept.
  const order = [...files].sort((a, b) => Number(linked.has(a)) - Number(linked.has(b)) || (a < b ? -1 : a > b ? 1 : 0));
  for (const f of order) {
    const real = realOf(f);
    if (owner.has(real)) files.delete(f);
    else owner.add(real);
  }
}

export async function discoverFiles(paths: readonly string[], options: DiscoverOptions): Promise<DiscoverResult> {
  const files = new Set<string>();
  const missing: string[] = [];
  const notes: DiscoverNote[] = [];
  const problems: DiscoverNote[] = [];
  const linkedFiles = new Set<string>();
  const configIgnore = options.ignore ?? [];
  const useGitignore = options.gitignore !== false;
  const visited = new Set<string>();
  const tempFiles: string[] = [];
  const projectFiles: { root: string; files?: string[] }[] = [];

  for (const given of paths.length ? paths : ['.']) {
    const abs = path.resolve(options.cwd, given);
    let st;
    try {
      st = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const isLink = await fsp.lstat(abs).then(
        (l) => l.isSymbolicLink(),
        () => false,
      );
      if (isLink && isSourceFile(abs)) files.add(abs); // reported by the reader
      else if (code === 'ENOENT') missing.push(given);
      // It may well exist: a folder on the way does not let us look (chmod 000, another user's home).
      else problems.push({ file: abs, message: accessProblem(e, 'path') });
      continue;
    }
    if (!st.isDirectory()) {
      if (!st.isFile()) notes.push({ file: abs, message: 'skipped: not a regular file' });
      else if (!isSourceFile(abs)) notes.push({ file: abs, message: 'skipped: not a JavaScript or TypeScript file' });
      else if (configIgnore.length && isIgnoredWithParents(configIgnore, abs, false))
        notes.push({ file: abs, message: 'skipped: matches an "ignore" pattern in the config' });
      else {
        files.add(abs);
        const isLink = await fsp.lstat(abs).then((l) => l.isSymbolicLink(), () => false);
        if (isLink) linkedFiles.add(abs);
      }
      continue;
    }
    const workTree = useGitignore ? findGitWorkTree(abs) : undefined;
    const base: WalkContext = { files, visited, linkedDirs: [], root: abs, readGitignores: false, configIgnore, tempFiles, notes, problems, linkedFiles, underLink: false, projectFiles };
    if (workTree && options.gitListing !== false && (await addGitListedFiles(base, abs))) {
      await walkLinkedDirs(base);
      continue;
    }
    const git = workTree ? await listGitIgnored(abs) : undefined;
    const readGitignores = useGitignore && !git;
    const ctx: WalkContext = { files, visited, linkedDirs: [], git, root: abs, readGitignores, configIgnore, tempFiles, notes, problems, linkedFiles, underLink: false };
    const above = readGitignores ? await gitignoreRulesAbove(abs, workTree ?? options.cwd) : [];
    await walkDir(ctx, abs, realpathOrSelf(abs), above);
    await walkLinkedDirs(ctx);
  }
  dedupeByRealPath(files, linkedFiles);
  const byFile = (a: DiscoverNote, b: DiscoverNote) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  notes.sort(byFile);
  problems.sort(byFile);
  return { files: [...files].sort(), missing, notes, problems, tempFiles: tempFiles.sort(), projectFiles };
}
