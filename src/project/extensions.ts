import * as path from 'node:path';

/** Files the engine analyses. */
export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

const sourceExtensionSet = new Set<string>(SOURCE_EXTENSIONS);

export function isSourceFile(fileName: string): boolean {
  // Declaration files hold types only, no requests.
  return sourceExtensionSet.has(path.extname(fileName).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(fileName);
}
