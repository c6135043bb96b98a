/**
 * `check --cache`: per file, the content hash (sha1 of the bytes) and the result, like ESLint's
 * cache with its content strategy (a CI checkout has fresh mtimes, so only content can tell).
 *
 * The engine resolves constants and clients across files, so a result also depends on the files
 * its file imports. An entry is reused only when
 * - the whole cache was written by the same tool version and engine build with the same settings,
 * - the file's hash is unchanged, and so is the hash of every file in its import closure as it was
 *   (the files the engine read through the SourceHost, plus every file reachable by imports), and
 * - every import specifier in those files still resolves to the same file (a new `routes.ts` next
 *   to `routes.js`, a tsconfig `paths` change or a file that appears where an import found nothing
 *   all change what the engine would read).
 * Paths are stored relative to the cache file's folder, so a cache restored at another checkout
 * path still applies.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, InputProblem } from '../core/types';
import type { EngineSettings } from './analyse-one';

export const DEFAULT_CACHE_FILE = '.front-contacts-cache';
const FORMAT = 1;

export interface CachedResult {
  findings: Finding[];
  problems: InputProblem[];
}

interface FileFact {
  hash: string;
  /** specifier -> file it resolved to (relative), or null. */
  imports: Record<string, string | null>;
}
interface ResultEntry extends CachedResult {
  hash: string;
  /** The files of the import closure (relative) with their hashes. */
  deps: [string, string][];
}
interface CacheData {
  format: number;
  key: string;
  files: Record<string, FileFact>;
  results: Record<string, ResultEntry>;
}

/** What validating an entry needs from the current run. */
export interface CacheProbe {
  /** Content hash of a file now (UNREADABLE_HASH when it cannot be read). */
  hashOf(file: string): string;
  resolve(fromFile: string, specifier: string): string | undefined;
}

let engineId: string | undefined;

/** Identifies the running build: the bundle holding this code (dist/cli.js, engine included). */
function engineFingerprint(): string {
  if (engineId === undefined) {
    try {
      engineId = createHash('sha1').update(readFileSync(__filename)).digest('hex');
    } catch {
      engineId = 'unknown';
    }
  }
  return engineId;
}

/** The key every entry shares: tool version, engine build and the settings that change results. */
export function cacheKey(version: string, settings: EngineSettings): string {
  const rules = Object.entries(settings.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const material = JSON.stringify({ version, engine: engineFingerprint(), rules, frontBaseUrls: settings.frontBaseUrls ?? [], passThroughProxies: settings.passThroughProxies ?? [], reportUnusedIgnores: !!settings.reportUnusedIgnores });
  return createHash('sha1').update(material).digest('hex');
}

/** --cache-location: a file, or a folder (existing, or written with a trailing slash) that gets the default name. */
export function resolveCacheLocation(cwd: string, location: string | undefined): string {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  try {
    isDir ||= statSync(abs).isDirectory();
  } catch {
    // a file to create
  }
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

type FileMapper = (file: string) => string;

/** The result with every file name mapped (absolute <-> relative to the cache folder). */
function mapFiles<T extends CachedResult>(r: T, map: FileMapper): CachedResult {
  const edits = <E extends { file: string }>(list: E[]): E[] => list.map((e) => ({ ...e, file: map(e.file) }));
  const findings = r.findings.map((f): Finding => {
    const out: Finding = { ...f, file: map(f.file) };
    if (f.related) out.related = edits(f.related);
    if (f.fix) out.fix = { ...f.fix, edits: edits(f.fix.edits) };
    if (f.suggestions) out.suggestions = f.suggestions.map((s) => ({ ...s, edits: edits(s.edits) }));
    return out;
  });
  return { findings, problems: edits(r.problems) };
}

export class ResultCache {
  private readonly base: string;
  private readonly factOk = new Map<string, boolean>();
  private dirty = false;

  private constructor(
    readonly location: string,
    private readonly data: CacheData,
    /** Why an existing cache file was not used (debug output). */
    readonly discarded?: string,
  ) {
    this.base = path.dirname(location);
  }

  /** The cache at `location`; empty when there is none, it is unreadable, or it was made with another key. */
  static load(location: string, key: string): ResultCache {
    const empty = (): CacheData => ({ format: FORMAT, key, files: {}, results: {} });
    let text: string;
    try {
      text = readFileSync(location, 'utf8');
    } catch {
      return new ResultCache(location, empty());
    }
    try {
      const data = JSON.parse(text) as CacheData;
      if (!data || data.format !== FORMAT || typeof data.files !== 'object' || typeof data.results !== 'object') return new ResultCache(location, empty(), 'unknown format');
      if (data.key !== key) return new ResultCache(location, empty(), 'made by another version or with other settings');
      return new ResultCache(location, data);
    } catch {
      return new ResultCache(location, empty(), 'not valid JSON');
    }
  }

  private rel(file: string): string {
    return path.relative(this.base, file);
  }
  private abs(rel: string): string {
    return path.resolve(this.base, rel);
  }

  /** Whether `rel` still has hash `hash` and its imports resolve as recorded. */
  private factHolds(rel: string, hash: string, probe: CacheProbe): boolean {
    const memo = `${rel}\0${hash}`;
    const known = this.factOk.get(memo);
    if (known !== undefined) return known;
    const fact = this.data.files[rel];
    const file = this.abs(rel);
    let ok = !!fact && fact.hash === hash && probe.hashOf(file) === hash;
    if (ok)
      for (const [spec, target] of Object.entries(fact.imports)) {
        const now = probe.resolve(file, spec);
        if ((now === undefined ? null : this.rel(path.resolve(now))) !== target) {
          ok = false;
          break;
        }
      }
    this.factOk.set(memo, ok);
    return ok;
  }

  /** The stored result for `file` when it still holds, with absolute file names. */
  lookup(file: string, probe: CacheProbe): CachedResult | undefined {
    const rel = this.rel(file);
    const entry = this.data.results[rel];
    if (!entry) return undefined;
    if (!this.factHolds(rel, entry.hash, probe)) return undefined;
    for (const [dep, hash] of entry.deps) if (!this.factHolds(dep, hash, probe)) return undefined;
    return mapFiles(entry, (f) => this.abs(f));
  }

  /**
   * Stores the result for `file`. `closure` is the file and everything it can depend on;
   * `hashOf` and `importsOf` give each one's content hash and import resolutions in this run.
   */
  store(file: string, result: CachedResult, closure: Iterable<string>, hashOf: (file: string) => string, importsOf: (file: string) => Map<string, string | null>): void {
    const rel = this.rel(file);
    const deps: [string, string][] = [];
    for (const f of closure) {
      const r = this.rel(f);
      const hash = hashOf(f);
      const imports: Record<string, string | null> = {};
      for (const [spec, target] of importsOf(f)) imports[spec] = target === null ? null : this.rel(target);
      this.data.files[r] = { hash, imports };
      this.factOk.set(`${r}\0${hash}`, true);
      if (r !== rel) deps.push([r, hash]);
    }
    const fact = this.data.files[rel];
    if (!fact) return;
    deps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.data.results[rel] = { hash: fact.hash, deps, ...mapFiles(result, (f) => this.rel(f)) };
    this.dirty = true;
  }

  /** Drops the entry of a file that now has an unusable result (internal error, unreadable). */
  delete(file: string): void {
    const rel = this.rel(file);
    if (this.data.results[rel]) {
      delete this.data.results[rel];
      this.dirty = true;
    }
  }

  /**
   * Writes the cache (temporary file + rename: a killed run leaves the old cache or the new one).
   * Entries of files that no longer exist are dropped, and so are facts no entry needs.
   */
  save(keep: (file: string) => boolean = (f) => existsSync(f)): void {
    for (const rel of Object.keys(this.data.results))
      if (!keep(this.abs(rel))) {
        delete this.data.results[rel];
        this.dirty = true;
      }
    if (!this.dirty) return;
    const needed = new Set<string>();
    for (const [rel, e] of Object.entries(this.data.results)) {
      needed.add(rel);
      for (const [d] of e.deps) needed.add(d);
    }
    const files: Record<string, FileFact> = {};
    for (const rel of [...needed].sort()) if (this.data.files[rel]) files[rel] = this.data.files[rel];
    const results: Record<string, ResultEntry> = {};
    for (const rel of Object.keys(this.data.results).sort()) results[rel] = this.data.results[rel];
    const out: CacheData = { format: FORMAT, key: this.data.key, files, results };
    mkdirSync(this.base, { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, this.location);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to clean
      }
      throw e;
    }
    this.dirty = false;
  }
}
