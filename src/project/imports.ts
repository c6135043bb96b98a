/**
 * Which files to analyse. The engine's `mightMatch` is a cheap text test; a file that fails it
 * must still be analysed when it imports (directly or through other files) a file that passes
 * it, because the engine follows constants across files: `fetch(FRONT + TEAM_CONTACTS)` only
 * shows its URL through the imports. Import edges come from a regex scan, never a parse.
 */
import * as path from 'node:path';

/** `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\r\n]+)\1/g;

export function scanImportSpecifiers(text: string): string[] {
  const out: string[] = [];
  SPECIFIER.lastIndex = 0;
  for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) {
    if (m[1] === '`' && m[2].includes('${')) continue;
    out.push(m[2]);
  }
  return out;
}

export interface ClosureInput {
  file: string;
  /** The text; or, for a file already known not to match, only its import specifiers. */
  text?: string;
  specifiers?: string[];
}

/** The last path segment of a specifier or file, without extensions (`./api/client.js` -> `client`). */
function stem(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The files to analyse: those for which `matches` holds, plus every file that imports one
 * of the selected files, transitively.
 * `resolve` maps (importer, specifier) to a file name, or undefined (packages, missing files).
 * Resolving is the costly part, so a specifier is only resolved when its last segment could
 * name one of the given files: its stem, or a folder above it (index files, package entry
 * points and path aliases end in one of those). Most package imports never get resolved.
 */
export function filesToAnalyse(
  files: readonly ClosureInput[],
  matches: (text: string) => boolean,
  resolve: (fromFile: string, specifier: string) => string | undefined,
): Set<string> {
  const selected = new Set<string>();
  const rest: ClosureInput[] = [];
  for (const f of files) {
    if (f.text !== undefined && matches(f.text)) selected.add(f.file);
    else rest.push(f);
  }
  if (selected.size === 0 || rest.length === 0) return selected;

  const names = new Set<string>();
  for (const f of files) {
    names.add(stem(f.file));
    for (let d = path.dirname(f.file), i = 0; i < 4 && d !== path.dirname(d); d = path.dirname(d), i++) names.add(path.basename(d));
  }
  const couldNameAFile = (spec: string) => {
    const s = stem(spec);
    return s === '' || s === '.' || s === '..' || names.has(s);
  };

  // importers[target] = files (not yet selected) that import target.
  const importers = new Map<string, string[]>();
  for (const f of rest) {
    for (const spec of f.specifiers ?? scanImportSpecifiers(f.text ?? '')) {
      if (!couldNameAFile(spec)) continue;
      const target = resolve(f.file, spec);
      if (!target || target === f.file) continue;
      let list = importers.get(target);
      if (!list) importers.set(target, (list = []));
      list.push(f.file);
    }
  }
  const queue = [...selected];
  while (queue.length) {
    const target = queue.pop()!;
    for (const importer of importers.get(target) ?? []) {
      if (selected.has(importer)) continue;
      selected.add(importer);
      queue.push(importer);
    }
  }
  return selected;
}
