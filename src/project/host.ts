/**
 * The engine's view of other files, over the disk: import resolution (relative paths with
 * extension and index probing, `.js` specifiers that name `.ts` sources, tsconfig
 * `paths`/`baseUrl`, workspace packages of a monorepo) and file reading, both cached for the whole run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { SourceHost } from '../core/types';
import { contentHash, decodeSource } from './read';
import { aliasCandidates, loadModuleAliases, type ModuleAliases } from './tsconfig';
import { scanImportSpecifiers } from './imports';
import { loadWorkspace, resolvePackageImport, splitSpecifier, workspacePatterns, type Workspace, type WorkspaceFs } from './workspaces';

/** Files listed for the editor's reverse import index, at most: a huge folder is not walked in full. */
const MAX_PROJECT_FILES = 20_000;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * The JS/TS files of the project that holds `file`: under the nearest folder above it with a package.json (or .git),
 * skipping node_modules and dot-folders.
 */
function projectSourceFiles(file: string): string[] {
  let root = path.dirname(file);
  for (let d = root; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json')) || existsSync(path.join(d, '.git'))) {
      root = d;
      break;
    }
    if (d === path.dirname(d)) break;
  }
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < MAX_PROJECT_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && SOURCE_FILE.test(e.name)) out.push(p);
    }
  }
  return out;
}

/** The last path segment of a specifier or file, without extensions (`./api/client.js` → `client`). */
function stemOf(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Extensions tried, in order, for a specifier without one (TypeScript sources first). */
const PROBE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** A `.js`-family specifier may name the TypeScript source it compiles from. */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

const TSCONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** contentHash() of a file that cannot be read (missing, a folder, no permission). */
export const UNREADABLE_HASH = 'unreadable';

export interface DiskSourceHostOptions {
  /** Remember the content hash of every file the host reads (for the result cache). */
  hashes?: boolean;
}

export class DiskSourceHost implements SourceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly stats = new Map<string, 'file' | 'dir' | 'none'>();
  private readonly listings = new Map<string, Map<string, 'file' | 'dir' | 'other'> | undefined>();
  private readonly resolved = new Map<string, string | undefined>();
  private readonly resolvedByAliases = new Map<ModuleAliases, Map<string, string | undefined>>();
  private readonly aliasesByDir = new Map<string, ModuleAliases | undefined>();
  private readonly aliasesByConfig = new Map<string, ModuleAliases>();
  private readonly hashes = new Map<string, string>();
  private readonly trackHashes: boolean;
  /** The files of the run (discovered), whose imports make the reverse index. */
  private readonly known: string[] = [];
  /** The same files as a set: an import naming one of them is resolved without the file system (probe). */
  private readonly knownSet = new Set<string>();
  /** Folders whose project files are all known (setProjectFiles), and those files. */
  private readonly projectFileRoots: { root: string; known: boolean }[] = [];
  private readonly projectFiles = new Set<string>();
  /** (importer, specifier) pairs of the known files by the specifier's last segment; built on the first importers() call. */
  private specifiersByStem?: Map<string, Array<[file: string, specifier: string]>>;
  private readonly importersCache = new Map<string, string[]>();
  /** The nearest workspace root at or above a folder (npm/yarn workspaces, pnpm-workspace.yaml, lerna.json). */
  private readonly workspaceByDir = new Map<string, Workspace | undefined>();
  private readonly bareScopes = new Map<ModuleAliases | undefined, Map<Workspace | undefined, object>>();
  private readonly fsView: WorkspaceFs = {
    kind: (p) => this.kind(p),
    subdirs: (dir) => {
      const out: string[] = [];
      for (const [name, k] of this.listing(dir) ?? []) if (k === 'dir' || (k === 'other' && this.kind(path.join(dir, name)) === 'dir')) out.push(name);
      return out;
    },
    readText: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    probe: (p) => this.probe(p),
  };

  /** Files already known to exist (from discovery) save a stat call each. */
  constructor(knownFiles: Iterable<string> = [], options: DiskSourceHostOptions = {}) {
    for (const f of knownFiles) {
      this.stats.set(f, 'file');
      const abs = path.resolve(f);
      this.known.push(abs);
      this.knownSet.add(abs);
    }
    this.trackHashes = options.hashes === true;
  }

  /**
   * Every tsconfig.json, jsconfig.json, package.json, pnpm-workspace.yaml and lerna.json below `root` (a folder
   * listed through git): looking for one of them in a folder below it then needs no listing of that folder.
   */
  setProjectFiles(root: string, files: Iterable<string> | undefined): void {
    this.projectFileRoots.push({ root: path.resolve(root) + path.sep, known: files !== undefined });
    // longest first: a nested repository or linked folder walked without git (files undefined) inside a listed one
    this.projectFileRoots.sort((a, b) => b.root.length - a.root.length);
    for (const f of files ?? []) this.projectFiles.add(path.resolve(f));
  }

  /** Whether `dir` holds the project file `name`: from setProjectFiles when it covers `dir`, else from the folder. */
  private hasProjectFile(dir: string, name: string): boolean {
    const withSep = dir.endsWith(path.sep) ? dir : dir + path.sep;
    if (this.projectFileRoots.find((r) => withSep.startsWith(r.root))?.known) return this.projectFiles.has(path.join(dir, name));
    return this.kind(path.join(dir, name)) === 'file';
  }

  /**
   * Supplies text already read (BOM removed), so the engine never reads a file twice; `hash` is the
   * content hash of the bytes it came from, when known.
   */
  setText(fileName: string, text: string | undefined, hash?: string): void {
    const key = path.resolve(fileName);
    this.texts.set(key, text);
    if (hash) this.hashes.set(key, hash);
    else this.hashes.delete(key);
  }

  /** Drops a text given with setText (memory): the file is read from disk again if it is asked for. */
  forget(fileName: string): void {
    this.texts.delete(path.resolve(fileName));
  }

  readFile(fileName: string): string | undefined {
    const key = path.resolve(fileName);
    if (this.texts.has(key)) return this.texts.get(key);
    return this.readFromDisk(key, this.trackHashes);
  }

  private readFromDisk(key: string, hash: boolean): string | undefined {
    let text: string | undefined;
    try {
      const bytes = readFileSync(key);
      if (hash) this.hashes.set(key, contentHash(bytes));
      const decoded = decodeSource(bytes);
      text = decoded.ok ? decoded.text : undefined;
    } catch {
      if (hash) this.hashes.set(key, UNREADABLE_HASH);
      text = undefined;
    }
    this.texts.set(key, text);
    return text;
  }

  /**
   * The content hash of the bytes behind readFile(fileName): remembered when the host read or was
   * given the file with its hash, else the file is read now. UNREADABLE_HASH when it cannot be read.
   */
  contentHash(fileName: string): string {
    const key = path.resolve(fileName);
    const known = this.hashes.get(key);
    if (known) return known;
    if (!this.texts.has(key)) {
      this.readFromDisk(key, true);
      return this.hashes.get(key)!;
    }
    // Text given without a hash (a file fix just wrote): hash what is on disk now.
    let hash: string;
    try {
      hash = contentHash(readFileSync(key));
    } catch {
      hash = UNREADABLE_HASH;
    }
    this.hashes.set(key, hash);
    return hash;
  }

  /**
   * The known files that import `fileName` (the reverse import index the engine uses to find what callers pass to
   * a function). Built on first use from a regex scan of every known file's imports (texts are not kept); only
   * specifiers whose last segment could name the file (its stem, or a folder above it) are resolved.
   */
  importers(fileName: string): string[] {
    const target = path.resolve(fileName);
    const cached = this.importersCache.get(target);
    if (cached) return cached;
    const index = (this.specifiersByStem ??= this.buildSpecifierIndex(target));
    const names = new Set([stemOf(target)]);
    for (let d = path.dirname(target), i = 0; i < 3 && d !== path.dirname(d); d = path.dirname(d), i++) names.add(path.basename(d));
    // `import … from '@acme/front-client'` names src/index.ts of the workspace package @acme/front-client
    for (const n of this.packageStemsOf(target)) names.add(n);
    const out = new Set<string>();
    for (const n of names)
      for (const [file, spec] of index.get(n) ?? []) if (file !== target && !out.has(file) && this.resolveImport(file, spec) === target) out.add(file);
    const list = [...out].sort();
    this.importersCache.set(target, list);
    return list;
  }

  /** Import specifiers already known per file (the CLI's selection scanned them): the index needs no second read. */
  private readonly knownSpecifiers = new Map<string, readonly string[]>();

  /** Supplies the import specifiers of files the caller has scanned (absolute names). */
  setImportSpecifiers(fileName: string, specifiers: readonly string[]): void {
    this.knownSpecifiers.set(path.resolve(fileName), specifiers);
  }

  private buildSpecifierIndex(around?: string): Map<string, Array<[string, string]>> {
    const index = new Map<string, Array<[string, string]>>();
    // Without a list of the run's files (the editor's host): the source files of the project around the file asked about.
    const files = this.known.length || !around ? this.known : projectSourceFiles(around);
    for (const file of files) {
      const known = this.knownSpecifiers.get(file);
      if (known) {
        for (const spec of known) {
          const k = stemOf(spec);
          let list = index.get(k);
          if (!list) index.set(k, (list = []));
          list.push([file, spec]);
        }
        continue;
      }
      let text = this.texts.get(file);
      if (text === undefined) {
        try {
          const decoded = decodeSource(readFileSync(file));
          text = decoded.ok ? decoded.text : undefined;
        } catch {
          text = undefined;
        }
      }
      if (text === undefined) continue;
      for (const spec of scanImportSpecifiers(text)) {
        const k = stemOf(spec);
        let list = index.get(k);
        if (!list) index.set(k, (list = []));
        list.push([file, spec]);
      }
    }
    return index;
  }

  resolveImport(fromFile: string, specifier: string): string | undefined {
    const fromDir = path.dirname(path.resolve(fromFile));
    const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
    if (relative || path.isAbsolute(specifier)) {
      const key = `${fromDir}\0${specifier}`;
      if (this.resolved.has(key)) return this.resolved.get(key);
      const result = this.probe(path.resolve(fromDir, specifier));
      this.resolved.set(key, result);
      return result;
    }
    if (specifier.startsWith('node:') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
    const aliases = this.aliasesFor(fromDir);
    if (aliases) {
      // Bare specifiers resolve the same way for every file under one tsconfig.
      let cache = this.resolvedByAliases.get(aliases);
      if (!cache) this.resolvedByAliases.set(aliases, (cache = new Map()));
      let result: string | undefined;
      if (cache.has(specifier)) result = cache.get(specifier);
      else {
        for (const candidate of aliasCandidates(aliases, specifier)) {
          result = this.probe(candidate);
          if (result) break;
        }
        cache.set(specifier, result);
      }
      if (result) return result;
    }
    // A workspace package of the repository (its source); any other package stays unresolved (third-party).
    const ws = this.workspaceFor(fromDir);
    if (!ws) return undefined;
    if (ws.resolved.has(specifier)) return ws.resolved.get(specifier);
    const split = splitSpecifier(specifier);
    const pkg = split && ws.packages.get(split[0]);
    const result = pkg ? resolvePackageImport(this.fsView, pkg, split[1]) : undefined;
    ws.resolved.set(specifier, result);
    return result;
  }

  /**
   * What a bare import (`react`, `@/lib/x`, a workspace package's name) from a file of `dir` resolves by: the
   * tsconfig aliases and the workspace that hold `dir` (resolveImport looks at nothing else for them). Folders with
   * the same scope object resolve every bare specifier alike, so a caller may ask once per scope, not per folder.
   */
  bareImportScope(dir: string): object {
    const aliases = this.aliasesFor(dir);
    const workspace = this.workspaceFor(dir);
    let byWorkspace = this.bareScopes.get(aliases);
    if (!byWorkspace) this.bareScopes.set(aliases, (byWorkspace = new Map()));
    let scope = byWorkspace.get(workspace);
    if (!scope) byWorkspace.set(workspace, (scope = {}));
    return scope;
  }

  /**
   * The workspace whose root is the nearest folder at or above `dir` declaring workspaces (package.json
   * `workspaces`, pnpm-workspace.yaml, lerna.json); none inside node_modules.
   */
  workspaceFor(dir: string): Workspace | undefined {
    if (this.workspaceByDir.has(dir)) return this.workspaceByDir.get(dir);
    let result: Workspace | undefined;
    if (path.basename(dir) !== 'node_modules') {
      const declares = this.hasProjectFile(dir, 'package.json') || this.hasProjectFile(dir, 'pnpm-workspace.yaml') || this.hasProjectFile(dir, 'lerna.json');
      const patterns = declares ? workspacePatterns(this.fsView, dir) : undefined;
      if (patterns) result = loadWorkspace(this.fsView, dir, patterns);
      else {
        const parent = path.dirname(dir);
        result = parent === dir ? undefined : this.workspaceFor(parent);
      }
    }
    this.workspaceByDir.set(dir, result);
    return result;
  }

  /**
   * The last segments of the names a bare import of the workspace package holding `file` would use (`@acme/front-client`
   * → `front-client`, and its `exports` subpaths): the keys specifiers are indexed by. Empty outside workspaces.
   */
  packageStemsOf(file: string): string[] {
    const ws = this.workspaceFor(path.dirname(file));
    if (!ws) return [];
    for (let d = path.dirname(file); d.length >= ws.root.length && d !== path.dirname(d); d = path.dirname(d)) {
      const pkg = ws.byDir.get(d);
      if (!pkg) continue;
      const out = [stemOf(pkg.name)];
      if (pkg.exports && typeof pkg.exports === 'object' && !Array.isArray(pkg.exports))
        for (const key of Object.keys(pkg.exports)) if (key.startsWith('./') && !key.includes('*')) out.push(stemOf(key));
      return out;
    }
    return [];
  }

  /** The names of every workspace package of the workspaces that hold these folders (see packageStemsOf). */
  workspacePackageStems(dirs: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const seen = new Set<Workspace>();
    for (const dir of dirs) {
      const ws = this.workspaceFor(path.resolve(dir));
      if (!ws || seen.has(ws)) continue;
      seen.add(ws);
      for (const pkgDir of ws.byDir.keys()) for (const s of this.packageStemsOf(path.join(pkgDir, 'package.json'))) out.add(s);
    }
    return out;
  }

  /** Whether a bare specifier could be an alias here (cheap: no probing). */
  hasAliases(fromFile: string): boolean {
    const a = this.aliasesFor(path.dirname(path.resolve(fromFile)));
    return !!a && (a.paths.length > 0 || !!a.baseUrl);
  }

  /**
   * What is at `p`. Probing tries up to a dozen names per import; one directory listing per
   * folder answers them all, instead of one failed stat() per guess.
   */
  private kind(p: string): 'file' | 'dir' | 'none' {
    let k = this.stats.get(p);
    if (k !== undefined) return k;
    const entry = this.listing(path.dirname(p))?.get(path.basename(p));
    if (entry === undefined) k = 'none';
    else if (entry !== 'other') k = entry;
    else {
      // symbolic links (and file systems that do not report types) need a stat
      try {
        const st = statSync(p);
        k = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'none';
      } catch {
        k = 'none';
      }
    }
    this.stats.set(p, k);
    return k;
  }

  private listing(dir: string): Map<string, 'file' | 'dir' | 'other'> | undefined {
    if (this.listings.has(dir)) return this.listings.get(dir);
    let result: Map<string, 'file' | 'dir' | 'other'> | undefined;
    try {
      result = new Map();
      for (const e of readdirSync(dir, { withFileTypes: true })) result.set(e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other');
    } catch {
      result = undefined;
    }
    this.listings.set(dir, result);
    return result;
  }

  private probe(target: string): string | undefined {
    const ext = path.extname(target);
    const sources = SOURCE_FOR_OUTPUT[ext];
    const fromRun = this.knownSet.size ? this.probeKnown(target, ext, sources) : undefined;
    if (fromRun) return fromRun;
    if (sources) {
      const stem = target.slice(0, -ext.length);
      for (const e of sources) if (this.kind(stem + e) === 'file') return stem + e;
    }
    const k = this.kind(target);
    if (k === 'file' && ext) return target;
    for (const e of PROBE_EXTENSIONS) if (this.kind(target + e) === 'file') return target + e;
    if (k === 'dir') {
      const main = this.packageMain(target);
      if (main) return main;
      for (const e of PROBE_EXTENSIONS) {
        const index = path.join(target, 'index' + e);
        if (this.kind(index) === 'file') return index;
      }
    }
    return undefined;
  }

  /**
   * The run's own file that `target` names, looked up among the files discovery found, without listing a
   * folder (a listing per imported folder was most of the selection's cost on a big repository). Tried in the
   * probe's own order; a file of the run wins over a file outside it that an earlier name would have found
   * (a git-ignored `client.ts` next to the checked `client.js`): the file being checked is the one meant.
   */
  private probeKnown(target: string, ext: string, sources: string[] | undefined): string | undefined {
    const known = this.knownSet;
    if (sources) {
      const stem = target.slice(0, -ext.length);
      for (const e of sources) if (known.has(stem + e)) return stem + e;
    }
    if (ext && known.has(target)) return target;
    for (const e of PROBE_EXTENSIONS) if (known.has(target + e)) return target + e;
    return undefined;
  }

  /** A folder with its own package.json (a workspace package imported by path). */
  private packageMain(dir: string): string | undefined {
    const pkgFile = path.join(dir, 'package.json');
    if (this.kind(pkgFile) !== 'file') return undefined;
    try {
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { main?: unknown; module?: unknown; source?: unknown };
      for (const field of [pkg.source, pkg.module, pkg.main]) {
        if (typeof field !== 'string') continue;
        const target = path.resolve(dir, field);
        if (target === dir) continue;
        const found = this.probe(target);
        if (found) return found;
      }
    } catch {
      // no usable entry point
    }
    return undefined;
  }

  private aliasesFor(dir: string): ModuleAliases | undefined {
    if (this.aliasesByDir.has(dir)) return this.aliasesByDir.get(dir);
    let result: ModuleAliases | undefined;
    const name = TSCONFIG_NAMES.find((n) => this.hasProjectFile(dir, n));
    const found = name && path.join(dir, name);
    if (found) {
      result = this.aliasesByConfig.get(found);
      if (!result) {
        result = loadModuleAliases(found);
        this.aliasesByConfig.set(found, result);
      }
    } else {
      const parent = path.dirname(dir);
      result = parent === dir ? undefined : this.aliasesFor(parent);
    }
    this.aliasesByDir.set(dir, result);
    return result;
  }
}
