/** How the CLI's bundles loaded TypeScript (set by typescript-loader.ts; untouched when ts-morph was loaded itself). */
export type CodeCacheState = 'used' | 'written' | 'rejected' | 'unavailable' | 'off';

export const tsLoadInfo: { loaded: boolean; ms: number; cache: CodeCacheState } = { loaded: false, ms: 0, cache: 'off' };

/** The --debug line about it, or undefined when TypeScript was not loaded by the loader. */
export function tsLoadLine(): string | undefined {
  if (!tsLoadInfo.loaded) return undefined;
  return `TypeScript loaded in ${Math.round(tsLoadInfo.ms)} ms (code cache: ${tsLoadInfo.cache})`;
}
