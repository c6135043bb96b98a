/**
 * Just enough of tsconfig.json / jsconfig.json to resolve import aliases: `baseUrl` and
 * `paths`, following `extends`. Comments and trailing commas are allowed, like tsc does.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseJsonc } from './jsonc';

export interface PathAlias {
  /** The pattern's text before and after its `*` (no `*`: exact match, suffix undefined). */
  prefix: string;
  suffix?: string;
  targets: string[];
}

export interface ModuleAliases {
  /** Absolute baseUrl, when set. */
  baseUrl?: string;
  /** Absolute folder `paths` targets are relative to. */
  pathsBase: string;
  paths: PathAlias[];
}

interface RawOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  baseUrlFrom?: string;
  pathsFrom?: string;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function resolveExtends(spec: string, fromDir: string): string | undefined {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const p = path.resolve(fromDir, spec);
    if (isFile(p)) return p;
    if (isFile(p + '.json')) return p + '.json';
    return undefined;
  }
  // A shared config package (`@tsconfig/node20/tsconfig.json`, `my-config`).
  for (const candidate of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return require.resolve(candidate, { paths: [fromDir] });
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function readOptions(file: string, seen: Set<string>): RawOptions {
  if (seen.has(file)) return {};
  seen.add(file);
  let json: Record<string, unknown>;
  try {
    json = parseJsonc(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {}; // a broken tsconfig only costs us alias resolution
  }
  if (!json || typeof json !== 'object') return {};
  const dir = path.dirname(file);
  let result: RawOptions = {};
  const ext = json.extends;
  for (const spec of typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext : []) {
    if (typeof spec !== 'string') continue;
    const parent = resolveExtends(spec, dir);
    if (parent) result = { ...result, ...stripUndefined(readOptions(parent, seen)) };
  }
  const co = json.compilerOptions as Record<string, unknown> | undefined;
  if (co && typeof co === 'object') {
    if (typeof co.baseUrl === 'string') {
      result.baseUrl = path.resolve(dir, co.baseUrl);
      result.baseUrlFrom = file;
    }
    if (co.paths && typeof co.paths === 'object' && !Array.isArray(co.paths)) {
      result.paths = co.paths as Record<string, string[]>;
      result.pathsFrom = dir;
    }
  }
  return result;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The aliases a tsconfig/jsconfig file defines (including what it extends). */
export function loadModuleAliases(configFile: string): ModuleAliases {
  const raw = readOptions(configFile, new Set());
  const pathsBase = raw.baseUrl ?? raw.pathsFrom ?? path.dirname(configFile);
  const paths: PathAlias[] = [];
  for (const [pattern, targets] of Object.entries(raw.paths ?? {})) {
    if (!Array.isArray(targets)) continue;
    const star = pattern.indexOf('*');
    const ok = targets.filter((t): t is string => typeof t === 'string');
    if (star < 0) paths.push({ prefix: pattern, targets: ok });
    else paths.push({ prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), targets: ok });
  }
  // TypeScript prefers the longest matching prefix.
  paths.sort((a, b) => b.prefix.length - a.prefix.length);
  return { baseUrl: raw.baseUrl, pathsBase, paths };
}

/** Candidate file paths (without probing) for a bare specifier under these aliases. */
export function aliasCandidates(aliases: ModuleAliases, specifier: string): string[] {
  const out: string[] = [];
  for (const a of aliases.paths) {
    if (a.suffix === undefined) {
      if (specifier !== a.prefix) continue;
      for (const t of a.targets) out.push(path.resolve(aliases.pathsBase, t));
    } else {
      if (!specifier.startsWith(a.prefix) || !specifier.endsWith(a.suffix) || specifier.length < a.prefix.length + a.suffix.length) continue;
      const star = specifier.slice(a.prefix.length, specifier.length - a.suffix.length);
      for (const t of a.targets) out.push(path.resolve(aliases.pathsBase, t.replace('*', star)));
    }
    if (out.length) break; // only the best matching pattern counts
  }
  if (aliases.baseUrl) out.push(path.resolve(aliases.baseUrl, specifier));
  return out;
}
