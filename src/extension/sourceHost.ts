// The editor's view of other files for cross-file resolution (core's SourceHost): an open editor
// buffer wins over the file on disk, so unsaved edits to a constants module are seen by the files
// that import it. Disk access and import resolution (extension/index probing, tsconfig paths) are the
// project layer's DiskSourceHost, shared with the CLI. Free of `vscode`: it runs in the worker.
import * as path from 'node:path';
import type { SourceHost } from '../core/types';

/** Extensions tried, in order, for an extensionless relative import between virtual (URI-named) files. */
const PROBE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** True for file names that are URIs of a non-file scheme (virtual workspaces, untitled buffers). */
export function isUriName(fileName: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(fileName) && !/^[a-z]:[\\/]/i.test(fileName);
}

/**
 * One analysis run's SourceHost: the analysed text itself, then unsaved buffers, then the disk.
 * Records which files the engine read, so the caller knows which documents to re-analyse when
 * one of those files changes.
 */
export class OverlaySourceHost implements SourceHost {
  readonly filesRead = new Set<string>();

  constructor(
    private readonly fileName: string,
    private readonly text: string,
    private readonly buffers: Readonly<Record<string, string>>,
    private readonly disk: SourceHost,
  ) {}

  readFile(fileName: string): string | undefined {
    this.filesRead.add(fileName);
    if (fileName === this.fileName) return this.text;
    const open = this.buffers[fileName];
    if (open !== undefined) return open;
    if (isUriName(fileName)) return undefined; // virtual documents: only open buffers are readable
    return this.disk.readFile(fileName);
  }

  importers(fileName: string): string[] {
    if (isUriName(fileName)) return [];
    return this.disk.importers?.(fileName) ?? [];
  }

  resolveImport(fromFile: string, specifier: string): string | undefined {
    if (isUriName(fromFile)) return resolveBetweenBuffers(fromFile, specifier, (f) => f === this.fileName || f in this.buffers);
    return this.disk.resolveImport(fromFile, specifier);
  }
}

/** Relative imports between URI-named buffers (virtual workspaces): same probing as on disk. */
export function resolveBetweenBuffers(fromFile: string, specifier: string, exists: (fileName: string) => boolean): string | undefined {
  if (!(specifier.startsWith('./') || specifier.startsWith('../'))) return undefined;
  const m = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?)(.*)$/i.exec(fromFile);
  if (!m) return undefined;
  const base = m[1] + path.posix.resolve(path.posix.dirname(m[2] || '/'), specifier.replace(/[?#].*$/, ''));
  const ext = path.posix.extname(base);
  const candidates = [...(JS_TO_TS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e)];
  if (ext) candidates.push(base);
  for (const e of PROBE_EXTENSIONS) candidates.push(base + e);
  for (const e of PROBE_EXTENSIONS) candidates.push(`${base}/index${e}`);
  return candidates.find(exists);
}
