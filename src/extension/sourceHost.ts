// The editor's view of other files for cross-file resolution (core's SourceHost):
// an open editor buffer wins over the file on disk, so unsaved edits to a constants file
// are seen by the files that import it. Free of `vscode` so it can be unit-tested directly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceHost } from '../core';

/** Text of an open, possibly unsaved, buffer by analysis file name; undefined when not open. */
export type BufferLookup = (fileName: string) => string | undefined;

/** Extensions tried, in order, for an extensionless relative import (TypeScript's order, then JS). */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

interface DiskEntry {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

/** Disk reads cached by path and validated by mtime/size, shared by every analysis run. */
export class DiskCache {
  private entries = new Map<string, DiskEntry>();
  constructor(private readonly maxBytes = 2 * 1024 * 1024) {}

  isFile(fileName: string): boolean {
    try {
      return fs.statSync(fileName).isFile();
    } catch {
      return false;
    }
  }

  read(fileName: string): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(fileName);
    } catch {
      this.entries.delete(fileName);
      return undefined;
    }
    if (!st.isFile() || st.size > this.maxBytes) return undefined;
    const hit = this.entries.get(fileName);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
    let text: string | undefined;
    try {
      text = fs.readFileSync(fileName, 'utf8');
    } catch {
      text = undefined;
    }
    this.entries.set(fileName, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }

  forget(fileName?: string): void {
    if (fileName === undefined) this.entries.clear();
    else this.entries.delete(fileName);
  }
}

/** True for file names that are URIs of a non-file scheme (virtual workspaces, untitled buffers). */
export function isUriName(fileName: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(fileName) && !/^[a-z]:[\\/]/i.test(fileName);
}

/**
 * One analysis run's SourceHost. Records which files the engine read, so the caller knows which
 * documents to re-analyse when one of those files changes.
 */
export class EditorSourceHost implements SourceHost {
  /** Files the engine read through this host during the run (absolute names). */
  readonly filesRead = new Set<string>();
  private resolved = new Map<string, string | undefined>();

  constructor(
    private readonly buffers: BufferLookup,
    private readonly disk: DiskCache,
  ) {}

  readFile(fileName: string): string | undefined {
    this.filesRead.add(fileName);
    const open = this.buffers(fileName);
    if (open !== undefined) return open;
    if (isUriName(fileName)) return undefined; // virtual documents: only open buffers are readable
    return this.disk.read(fileName);
  }

  resolveImport(fromFile: string, specifier: string): string | undefined {
    const key = `${fromFile}\0${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const r = resolveRelativeImport(fromFile, specifier, (f) => this.exists(f));
    this.resolved.set(key, r);
    return r;
  }

  private exists(fileName: string): boolean {
    if (this.buffers(fileName) !== undefined) return true;
    if (isUriName(fileName)) return false;
    return this.disk.isFile(fileName);
  }
}

/**
 * Resolves a relative (or absolute) import specifier the way TypeScript and bundlers do for
 * source files: exact file, `.js` written for a `.ts` source, added extensions, then `index.*`.
 * Bare specifiers (packages) are not followed: undefined.
 */
export function resolveRelativeImport(
  fromFile: string,
  specifier: string,
  exists: (fileName: string) => boolean,
): string | undefined {
  const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
  const uri = isUriName(fromFile);
  const p = uri ? path.posix : path;
  if (!relative && !(p.isAbsolute(specifier) && !uri)) return undefined;
  const cleaned = specifier.replace(/[?#].*$/, '');
  let base: string;
  if (uri) {
    const m = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?)(.*)$/i.exec(fromFile)!;
    base = m[1] + path.posix.resolve(path.posix.dirname(m[2] || '/'), cleaned);
  } else {
    base = path.resolve(path.dirname(fromFile), cleaned);
  }
  const candidates: string[] = [];
  const ext = p.extname(base);
  if (JS_TO_TS[ext]) for (const t of JS_TO_TS[ext]) candidates.push(base.slice(0, -ext.length) + t);
  if (ext) candidates.push(base);
  for (const e of SOURCE_EXTENSIONS) candidates.push(base + e);
  for (const e of SOURCE_EXTENSIONS) candidates.push(base + (uri ? '/' : path.sep) + 'index' + e);
  for (const c of candidates) if (exists(c)) return c;
  return undefined;
}
