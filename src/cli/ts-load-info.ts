import type { CodeCacheState } from './code-cache';

/** How the CLI's bundles loaded TypeScript (set by typescript-loader.ts; untouched when ts-morph was loaded itself). */

export const tsLoadInfo: { loaded: boolean; ms: number; cache: CodeCacheState; minified: boolean } = { loaded: false, ms: 0, cache: 'off', minified: false };

/** How bin/front-contacts.js loaded the CLI's bundle (given to main() by the launcher; unset when main runs in-process). */
export const cliLoadInfo: { loaded: boolean; ms: number; cache: CodeCacheState } = { loaded: false, ms: 0, cache: 'off' };

/** The --debug line about the bundle, or undefined when the launcher did not say. */
export function cliLoadLine(): string | undefined {
  if (!cliLoadInfo.loaded) return undefined;
  return `CLI bundle loaded in ${Math.round(cliLoadInfo.ms)} ms (code cache: ${cliLoadInfo.cache})`;
}

/** The --debug line about it, or undefined when TypeScript was not loaded by the loader. */
export function tsLoadLine(): string | undefined {
  if (!tsLoadInfo.loaded) return undefined;
  return `TypeScript loaded in ${Math.round(tsLoadInfo.ms)} ms (${tsLoadInfo.minified ? 'minified copy; ' : ''}code cache: ${tsLoadInfo.cache})`;
}
