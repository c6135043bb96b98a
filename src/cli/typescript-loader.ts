/**
 * What the CLI's bundles (dist/cli.js, dist/cli-worker.js) load in place of `ts-morph`.
 *
 * The engine uses one thing from ts-morph: its `ts` export, the TypeScript compiler that ts-morph ships as
 * @ts-morph/common/dist/typescript.js. This module exports that same object, but
 *  - loads that file alone, not ts-morph's project API (3 MB more of code a lint run never calls), and
 *  - loads it through V8's code cache (code-cache.ts): compiling 9 MB of JavaScript is about a third of a short
 *    run's fixed cost, paid again by every worker thread.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ts as TSNamespace } from 'ts-morph';
import { codeCacheFolder, requireWithCodeCache } from './code-cache';
import { tsLoadInfo as loadInfo } from './ts-load-info';

type TS = typeof TSNamespace;

function load(): TS {
  const file = createRequire(__filename).resolve('@ts-morph/common/dist/typescript.js');
  const loaded = requireWithCodeCache(file, codeCacheFolder(path.dirname(__filename)), 'typescript');
  Object.assign(loadInfo, { loaded: true, ms: loaded.ms, cache: loaded.cache });
  return loaded.exports as TS;
}

export const ts: TS = load();
