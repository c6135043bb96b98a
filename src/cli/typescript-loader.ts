/**
 * What the CLI's bundles (dist/cli.js, dist/cli-worker.js) load in place of `ts-morph`.
 *
 * The engine uses one thing from ts-morph: its `ts` export, the TypeScript compiler that ts-morph ships as
 * @ts-morph/common/dist/typescript.js. This module exports that same object, but
 *  - loads that file alone, not ts-morph's project API (3 MB more of code a lint run never calls), and
 *  - loads it through V8's code cache: compiling 9 MB of JavaScript is about a third of a short run's
 *    fixed cost, paid again by every worker thread. After a run, the main thread stores the code V8
 *    compiled (the parser's functions included, compiled lazily during the run) next to the package, in
 *    node_modules/.cache/front-contacts/; later runs start from it. V8 checks the cache against the source
 *    and its own version and flags, and ignores a cache that does not fit (then it is rewritten).
 * FRONT_CONTACTS_CODE_CACHE=0 turns the cache off; FRONT_CONTACTS_CODE_CACHE=<folder> puts it elsewhere.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import type { ts as TSNamespace } from 'ts-morph';
import { tsLoadInfo as loadInfo } from './ts-load-info';

type TS = typeof TSNamespace;

function cacheFolder(tsFile: string): string | undefined {
  const setting = process.env.FRONT_CONTACTS_CODE_CACHE;
  if (setting === '0' || setting === 'false') return undefined;
  if (setting) return path.resolve(setting);
  // <node_modules>/@ts-morph/common/dist/typescript.js → <node_modules>/.cache/front-contacts
  const nodeModules = path.resolve(path.dirname(tsFile), '..', '..', '..');
  return path.basename(nodeModules) === 'node_modules' ? path.join(nodeModules, '.cache', 'front-contacts') : undefined;
}

function load(): TS {
  const started = performance.now();
  const req = createRequire(__filename);
  const file = req.resolve('@ts-morph/common/dist/typescript.js');
  const folder = cacheFolder(file);
  if (!folder) {
    const ts = req(file) as TS;
    Object.assign(loadInfo, { loaded: true, ms: performance.now() - started, cache: 'off' });
    return ts;
  }
  // The file is ASCII: decoding it as Latin-1 gives the same string several times faster than UTF-8.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const stat = statSync(file);
  // Node's version stands for V8's; the file's size and time for its content (V8 checks the source too).
  const cacheFile = path.join(folder, `typescript-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  // A real module record in require.cache: anything that later requires the file gets this instance.
  const mod = new Module(file);
  mod.filename = file;
  const fileRequire = createRequire(file);
  mod.paths = fileRequire.resolve.paths('x') ?? [];
  wrapper.call(mod.exports, mod.exports, fileRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  fileRequire.cache[file] = mod;
  loadInfo.loaded = true;
  loadInfo.cache = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'unavailable';
  loadInfo.ms = performance.now() - started;
  if ((!cachedData || script.cachedDataRejected) && isMainThread) {
    // At exit, so the cache holds what the run compiled; written whole or not at all.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing written
        }
      }
    });
  }
  return mod.exports as TS;
}

export const ts: TS = load();
