/**
 * What the CLI's bundles (dist/cli.js, dist/cli-worker.js) load in place of `ts-morph`.
 *
 * The engine uses one thing from ts-morph: its `ts` export, the TypeScript compiler that ts-morph ships as
 * @ts-morph/common/dist/typescript.js. This module exports that same object, but
 *  - loads that file alone, not ts-morph's project API (3 MB more of code a lint run never calls), and
 *  - loads it through V8's code cache (code-cache.ts): compiling 9 MB of JavaScript is about a third of a short
 *    run's fixed cost, paid again by every worker thread, and
 *  - loads the build's dist/typescript.js (scripts/build.mjs) when there is one: the part of that file the sources
 *    use (scripts/typescript-subset.mjs: the parser, not the checker or language service), minified, ~1 MB. Reading,
 *    checking against the cache and initialising it takes about half the time of the whole compiler.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ts as TSNamespace } from 'ts-morph';
import { codeCacheFolder, requireWithCodeCache } from './code-cache';
import { tsLoadInfo as loadInfo } from './ts-load-info';

type TS = typeof TSNamespace;

/** dist/typescript.js next to the bundle that runs this, else ts-morph's own file (running from source). */
function compilerFile(bundleDir: string): { file: string; minified: boolean } {
  const minified = path.join(bundleDir, 'typescript.js');
  if (path.basename(bundleDir) === 'dist' && existsSync(minified)) return { file: minified, minified: true };
  return { file: createRequire(path.join(bundleDir, 'x.js')).resolve('@ts-morph/common/dist/typescript.js'), minified: false };
}

function load(): TS {
  const { file, minified } = compilerFile(__dirname);
  const loaded = requireWithCodeCache(file, codeCacheFolder(__dirname), 'typescript');
  Object.assign(loadInfo, { loaded: true, ms: loaded.ms, cache: loaded.cache, minified });
  return loaded.exports as TS;
}

export const ts: TS = load();
