/**
 * gitignore-style patterns, used both for .gitignore files (when git itself is not available)
 * and for the config's `ignore` globs, so users get one set of rules they already know:
 * `dist` matches at any depth, `/dist` or `src/gen/**` are anchored to the file's folder,
 * a trailing `/` matches folders only, `!` re-includes, last match wins.
 */
import * as path from 'node:path';

export interface IgnoreRule {
  /** Absolute folder the pattern is relative to. */
  base: string;
  pattern: string;
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

/** Converts a gitignore glob body (no leading `!`, no trailing `/`) to a regular expression source. */
export function globToRegexSource(glob: string): string {
  let re = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atSegmentStart && atSegmentEnd) {
        if (i + 2 === glob.length) {
          re += '.*'; // `a/**` -> everything inside a
          i += 2;
        } else {
          re += '(?:.*/)?'; // `**/` -> zero or more folders
          i += 3;
        }
        continue;
      }
      re += '[^/]*';
      i += 2;
      continue;
    }
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        let negated = false;
        if (body[0] === '!' || body[0] === '^') {
          negated = true;
          body = body.slice(1);
        }
        re += `[${negated ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = close + 1;
        continue;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      re += glob[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 2;
      continue;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  return re;
}

/** Parses one pattern line; undefined for blanks and comments. */
export function parseIgnoreLine(line: string, base: string): IgnoreRule | undefined {
  let p = line.replace(/\r$/, '');
  // Trailing spaces are ignored unless escaped.
  p = p.replace(/(?<!\\)\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) {
    dirOnly = true;
    p = p.replace(/\/+$/, '');
  }
  if (!p) return undefined;
  // A slash at the start or in the middle anchors the pattern to `base`.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const body = globToRegexSource(p);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { base, pattern: line, negate, dirOnly, regex };
}

export function parseIgnoreFile(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const r = parseIgnoreLine(line, base);
    if (r) rules.push(r);
  }
  return rules;
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/**
 * Whether `absPath` is ignored by `rules` (ordered: outer files first, later lines win).
 * Only the entry itself is tested; callers prune ignored folders while walking, or use
 * `isIgnoredWithParents` for a single path.
 */
export function isIgnored(rules: readonly IgnoreRule[], absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    const rel = path.relative(r.base, absPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (r.regex.test(toPosix(rel))) ignored = !r.negate;
  }
  return ignored;
}

/** Like isIgnored, but also true when a parent folder (below the rules' bases) is ignored. */
export function isIgnoredWithParents(rules: readonly IgnoreRule[], absPath: string, isDir: boolean): boolean {
  if (rules.length === 0) return false;
  const chain: string[] = [];
  for (let p = path.dirname(absPath); p !== path.dirname(p); p = path.dirname(p)) chain.unshift(p);
  for (const dir of chain) if (isIgnored(rules, dir, true)) return true;
  return isIgnored(rules, absPath, isDir);
}
