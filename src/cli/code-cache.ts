/**
 * Loading a big CommonJS file through V8's code cache: the CLI's bundle (dist/cli.js, by bin/front-contacts.js)
 * and the TypeScript compiler (typescript-loader.ts). Compiling JavaScript is a large share of a short run: the
 * file itself at load, then every function the first time it is called. After a run, the main thread stores what
 * V8 compiled (the lazily compiled functions included) in the cache folder; later runs start from it. V8 checks
 * the cache against the source and its own version and flags, and ignores a cache that does not fit (it is then
 * rewritten). Built on its own as dist/code-cache.js too: the launcher needs it before the bundle exists in memory.
 *
 * FRONT_CONTACTS_CODE_CACHE=0 turns the cache off; FRONT_CONTACTS_CODE_CACHE=<folder> puts it elsewhere.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

export type CodeCacheState = 'used' | 'written' | 'rejected' | 'unavailable' | 'off';

export interface CachedLoad {
  exports: unknown;
  /** How the cache served this load ('off': loaded with plain require). */
  cache: CodeCacheState;
  ms: number;
}

const RUN_FLAGS = Symbol.for('front-contacts.v8-run-flags');

/** A V8 flag a run sets for itself (young-generation.ts), and the value V8 had before. */
export interface RunFlag {
  set: string;
  default: string;
}

/**
 * The V8 flags this run has set for itself. V8 stamps a code cache with its flags and refuses it under others, so
 * every cache is checked and written under V8's defaults (`underDefaultFlags`). On globalThis: the launcher's copy
 * of this module (dist/code-cache.js) loads and writes the bundle's cache, the bundle's own copy TypeScript's.
 */
function runFlags(): RunFlag[] {
  const g = globalThis as { [RUN_FLAGS]?: RunFlag[] };
  return (g[RUN_FLAGS] ??= []);
}

export function setRunFlag(flag: RunFlag): void {
  v8.setFlagsFromString(flag.set);
  runFlags().push(flag);
}

/** Puts V8's default back for a flag set by setRunFlag. */
export function clearRunFlag(set: string): void {
  const flags = runFlags();
  const i = flags.findIndex((f) => f.set === set);
  if (i < 0) return;
  v8.setFlagsFromString(flags[i].default);
  flags.splice(i, 1);
}

function underDefaultFlags<T>(f: () => T): T {
  const flags = runFlags();
  for (const x of flags) v8.setFlagsFromString(x.default);
  try {
    return f();
  } finally {
    for (const x of flags) v8.setFlagsFromString(x.set);
  }
}

/**
 * The cache folder: FRONT_CONTACTS_CODE_CACHE, else `<node_modules>/.cache/front-contacts` for the node_modules
 * that holds the TypeScript file the CLI loads (the project's when installed, the checkout's in development);
 * undefined when the cache is off or there is no node_modules.
 */
export function codeCacheFolder(fromDir: string): string | undefined {
  const setting = process.env.FRONT_CONTACTS_CODE_CACHE;
  if (setting === '0' || setting === 'false') return undefined;
  if (setting) return path.resolve(setting);
  let tsFile: string;
  try {
    tsFile = createRequire(path.join(fromDir, 'x.js')).resolve('@ts-morph/common/dist/typescript.js');
  } catch {
    return undefined;
  }
  // <node_modules>/@ts-morph/common/dist/typescript.js → <node_modules>/.cache/front-contacts
  const nodeModules = path.resolve(path.dirname(tsFile), '..', '..', '..');
  return path.basename(nodeModules) === 'node_modules' ? path.join(nodeModules, '.cache', 'front-contacts') : undefined;
}

/**
 * Loads `file` as a CommonJS module (registered in require.cache like `require` would) through the code cache in
 * `folder`, under `<name>-<node version>-<arch>-<size>-<mtime>.v8cache`. Without a folder: plain require.
 */
export function requireWithCodeCache(file: string, folder: string | undefined, name: string): CachedLoad {
  const started = performance.now();
  const fileRequire = createRequire(file);
  if (!folder) return { exports: fileRequire(file), cache: 'off', ms: performance.now() - started };
  // Bundles and the compiler are ASCII: decoding as Latin-1 gives the same string several times faster than UTF-8.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const stat = statSync(file);
  // Node's version stands for V8's; the file's size and time for its content (V8 checks the source too).
  const family = `${name}-${process.version}-${process.arch}-`;
  const cacheFile = path.join(folder, `${family}${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = underDefaultFlags(() => new vm.Script(Module.wrap(source), { filename: file, cachedData }));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  // A real module record in require.cache: anything that later requires the file gets this instance.
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = fileRequire.resolve.paths('x') ?? [];
  fileRequire.cache[file] = mod;
  wrapper.call(mod.exports, mod.exports, fileRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  const cache: CodeCacheState = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'unavailable';
  if (cache !== 'used' && isMainThread) {
    // At exit, so the cache holds what the run compiled; written whole or not at all.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(tmp, underDefaultFlags(() => script.createCachedData()));
        renameSync(tmp, cacheFile);
        // the caches of earlier builds of the same file for this Node: never used again
        for (const f of readdirSync(folder)) if (f.startsWith(family) && f.endsWith('.v8cache') && path.join(folder, f) !== cacheFile) unlinkSync(path.join(folder, f));
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing written
        }
      }
    });
  }
  return { exports: mod.exports, cache, ms: performance.now() - started };
}
