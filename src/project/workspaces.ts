/**
 * Workspace packages of a monorepo (npm/yarn `workspaces`, pnpm-workspace.yaml, lerna.json): a bare import of
 * one of them (`import { api } from '@acme/front-client'`) names project source, not a third-party package.
 * Resolution goes to the package's source: `exports` (subpaths, conditions), `source`/`module`/`main`/`types`,
 * and, when an entry names build output that is not there (`dist/index.js`), the matching `src/` file.
 * Packages under node_modules are never looked at. Everything is cached for the run by the host.
 */
import * as path from 'node:path';
import { globToRegexSource } from './ignore';
import { parseJsonc } from './jsonc';

/** What the resolver needs of the file system (the host's cached views). */
export interface WorkspaceFs {
  kind(p: string): 'file' | 'dir' | 'none';
  /** Entries of a folder that are folders. */
  subdirs(dir: string): string[];
  readText(p: string): string | undefined;
  /** A module path as the host resolves it (extension probing, `.js` → `.ts`, folder index). */
  probe(p: string): string | undefined;
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  exports?: unknown;
  fields: Partial<Record<'source' | 'module' | 'main' | 'types' | 'typings', string>>;
}

export interface Workspace {
  root: string;
  packages: Map<string, WorkspacePackage>;
  /** Package folders, for finding the package that holds a file. */
  byDir: Map<string, WorkspacePackage>;
  /** Resolved bare specifiers. */
  resolved: Map<string, string | undefined>;
}

/** Folders a `**` glob does not enter, and how deep it goes. */
const NEVER_ENTER = new Set(['node_modules', '.git']);
const MAX_GLOB_DEPTH = 6;
/** Build output folders whose missing files map to `src/`. */
const OUTPUT_DIRS = new Set(['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'es', 'types']);
/** Conditions of `exports` we follow, in the object's order; others (`browser`, `worker`…) too, as a last resort. */
const PREFERRED_CONDITIONS = new Set(['source', 'types', 'typings', 'import', 'require', 'module', 'node', 'default', 'development', 'production']);

function readJson(fs: WorkspaceFs, file: string): Record<string, unknown> | undefined {
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  try {
    const v = parseJsonc(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The `packages:` list of a pnpm-workspace.yaml (block or flow sequence; nothing else of YAML is needed). */
export function pnpmWorkspacePatterns(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (let i = 0; i < lines.length; i++) {
    const m = /^packages\s*:\s*(.*)$/.exec(lines[i].replace(/\s+#.*$/, ''));
    if (!m) continue;
    const inline = m[1].trim();
    if (inline.startsWith('[')) {
      for (const part of inline.replace(/^\[|\]$/g, '').split(',')) if (unquote(part)) out.push(unquote(part));
      continue;
    }
    for (i++; i < lines.length; i++) {
      const line = lines[i].replace(/\s+#.*$/, '');
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const item = /^\s*-\s*(.+)$/.exec(line);
      if (!item) {
        i--;
        break;
      }
      out.push(unquote(item[1]));
    }
  }
  return out;
}

/** The workspace patterns declared in `dir`, or undefined when `dir` is not a workspace root. */
export function workspacePatterns(fs: WorkspaceFs, dir: string): string[] | undefined {
  let patterns: string[] | undefined;
  const add = (list: string[]) => (patterns = [...(patterns ?? []), ...list]);
  const pkgFile = path.join(dir, 'package.json');
  if (fs.kind(pkgFile) === 'file') {
    const ws = readJson(fs, pkgFile)?.workspaces;
    if (Array.isArray(ws)) add(strings(ws));
    else if (ws && typeof ws === 'object') add(strings((ws as Record<string, unknown>).packages));
  }
  const pnpm = path.join(dir, 'pnpm-workspace.yaml');
  if (fs.kind(pnpm) === 'file') add(pnpmWorkspacePatterns(fs.readText(pnpm) ?? ''));
  const lerna = path.join(dir, 'lerna.json');
  if (fs.kind(lerna) === 'file') {
    const p = readJson(fs, lerna)?.packages;
    add(Array.isArray(p) ? strings(p) : ['packages/*']);
  }
  return patterns;
}

/** The folders below `root` that the patterns select (`packages/*`, `apps/**`, `!packages/old`). */
export function expandWorkspaceGlobs(fs: WorkspaceFs, root: string, patterns: readonly string[]): string[] {
  const clean = (p: string) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  const include = patterns.filter((p) => !p.trim().startsWith('!')).map(clean).filter(Boolean);
  const exclude = patterns.filter((p) => p.trim().startsWith('!')).map((p) => new RegExp(`^${globToRegexSource(clean(p.trim().slice(1)))}$`));
  const found = new Set<string>();
  const walk = (dir: string, rel: string, segments: readonly string[]): void => {
    if (segments.length === 0) {
      found.add(rel);
      return;
    }
    const [seg, ...rest] = segments;
    const join = (name: string) => (rel ? `${rel}/${name}` : name);
    if (seg === '**') {
      walk(dir, rel, rest); // zero folders
      if (rel.split('/').length >= MAX_GLOB_DEPTH) return;
      for (const name of fs.subdirs(dir)) if (!NEVER_ENTER.has(name) && !name.startsWith('.')) walk(path.join(dir, name), join(name), segments);
      return;
    }
    if (!/[*?[]/.test(seg)) {
      if (seg === '..' || NEVER_ENTER.has(seg)) return;
      const next = path.join(dir, seg);
      if (fs.kind(next) === 'dir') walk(next, join(seg), rest);
      return;
    }
    const re = new RegExp(`^${globToRegexSource(seg)}$`);
    for (const name of fs.subdirs(dir)) if (!NEVER_ENTER.has(name) && !name.startsWith('.') && re.test(name)) walk(path.join(dir, name), join(name), rest);
  };
  for (const p of include) walk(root, '', p.split('/').filter((s) => s && s !== '.'));
  return [...found].filter((rel) => rel && !exclude.some((re) => re.test(rel))).sort().map((rel) => path.join(root, rel));
}

export function loadWorkspace(fs: WorkspaceFs, root: string, patterns: readonly string[]): Workspace {
  const packages = new Map<string, WorkspacePackage>();
  const byDir = new Map<string, WorkspacePackage>();
  for (const dir of expandWorkspaceGlobs(fs, root, patterns)) {
    const pkg = readJson(fs, path.join(dir, 'package.json'));
    if (!pkg || typeof pkg.name !== 'string' || !pkg.name) continue;
    const fields: WorkspacePackage['fields'] = {};
    for (const f of ['source', 'module', 'main', 'types', 'typings'] as const) if (typeof pkg[f] === 'string') fields[f] = pkg[f] as string;
    const wp: WorkspacePackage = { name: pkg.name, dir, exports: pkg.exports, fields };
    if (!packages.has(wp.name)) packages.set(wp.name, wp);
    byDir.set(dir, wp);
  }
  return { root, packages, byDir, resolved: new Map() };
}

/** `@scope/name/sub/path` → ['@scope/name', './sub/path']; `name` → ['name', '.']. */
export function splitSpecifier(specifier: string): [name: string, subpath: string] | undefined {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < n || parts.slice(0, n).some((p) => !p)) return undefined;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest ? `./${rest}` : '.'];
}

/** The targets `exports` gives a subpath (several: conditions and fallbacks, best first). */
export function exportTargets(exp: unknown, subpath: string): string[] {
  if (exp === undefined || exp === null) return [];
  const isSubpathMap = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditionTargets(exp, '') : [];
  const map = exp as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(map, subpath)) return conditionTargets(map[subpath], '');
  // Patterns: the longest prefix before `*` wins (`./*`, `./utils/*.js`).
  let best: { key: string; star: string } | undefined;
  for (const key of Object.keys(map)) {
    const i = key.indexOf('*');
    if (i < 0) {
      // legacy folder mapping: "./sub/": "./src/sub/"
      if (key.endsWith('/') && subpath.startsWith(key) && (!best || key.length > best.key.length)) best = { key, star: subpath.slice(key.length) };
      continue;
    }
    const prefix = key.slice(0, i);
    const suffix = key.slice(i + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length &&
      (!best || prefix.length > best.key.indexOf('*')))
      best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  if (!best) return [];
  const value = map[best.key];
  return best.key.includes('*') ? conditionTargets(value, best.star) : conditionTargets(value, '').map((t) => (t.endsWith('/') ? t + best!.star : t));
}

function conditionTargets(v: unknown, star: string, depth = 0): string[] {
  if (depth > 6) return [];
  if (typeof v === 'string') return [v.replace(/\*/g, star)];
  if (Array.isArray(v)) return v.flatMap((x) => conditionTargets(x, star, depth + 1));
  if (!v || typeof v !== 'object') return [];
  const entries = Object.entries(v as Record<string, unknown>);
  return [
    ...entries.filter(([k]) => PREFERRED_CONDITIONS.has(k)).flatMap(([, x]) => conditionTargets(x, star, depth + 1)),
    ...entries.filter(([k]) => !PREFERRED_CONDITIONS.has(k)).flatMap(([, x]) => conditionTargets(x, star, depth + 1)),
  ];
}

const DECLARATION = /\.d\.[cm]?ts$/;

/**
 * A file a package entry names, as source: the file itself (or its `.ts` source next to it), else for a missing
 * build output (`dist/index.js`, `lib/esm/api.mjs`, `dist/index.d.ts`) the matching file under `src/`.
 */
export function entryFile(fs: WorkspaceFs, pkgDir: string, target: string): string | undefined {
  const abs = path.resolve(pkgDir, target);
  const rel = path.relative(pkgDir, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const declaration = DECLARATION.test(abs);
  if (!declaration) {
    const found = fs.probe(abs);
    if (found && !DECLARATION.test(found)) return found;
  } else {
    const found = fs.probe(abs.replace(DECLARATION, ''));
    if (found && !DECLARATION.test(found)) return found;
  }
  const segments = rel.split(path.sep);
  if (segments.length < 2 || !OUTPUT_DIRS.has(segments[0])) return undefined;
  const strip = (s: string) => s.replace(DECLARATION, '').replace(/\.(?:[cm]?js|jsx)$/, '');
  // dist/index.js → src/index; dist/esm/index.js → src/esm/index, then src/index
  for (let skip = 1; skip < segments.length && skip <= 2; skip++) {
    if (skip === 2 && !OUTPUT_DIRS.has(segments[1])) break;
    const found = fs.probe(path.join(pkgDir, 'src', ...segments.slice(skip, -1), strip(segments[segments.length - 1])));
    if (found && !DECLARATION.test(found)) return found;
  }
  return undefined;
}

/** The source file a (package, subpath) import names, or undefined. */
export function resolvePackageImport(fs: WorkspaceFs, pkg: WorkspacePackage, subpath: string): string | undefined {
  for (const t of exportTargets(pkg.exports, subpath)) {
    const f = entryFile(fs, pkg.dir, t);
    if (f) return f;
  }
  if (subpath === '.') {
    const f = pkg.fields;
    for (const field of [f.source, f.module, f.main, f.types, f.typings]) {
      if (!field) continue;
      const found = entryFile(fs, pkg.dir, field);
      if (found) return found;
    }
    return fs.probe(path.join(pkg.dir, 'src', 'index')) ?? fs.probe(path.join(pkg.dir, 'index'));
  }
  const sub = subpath.slice(2);
  const direct = entryFile(fs, pkg.dir, sub);
  if (direct) return direct;
  return fs.probe(path.join(pkg.dir, 'src', sub));
}
