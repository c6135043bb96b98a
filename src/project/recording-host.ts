/**
 * A SourceHost that remembers what the engine asked for while analysing one file: the files it
 * read and the import specifiers it resolved. The result cache needs this (a cached result is only
 * valid while the file and everything it read are unchanged), and so does `fix` with workers (a
 * result computed before an imported file was fixed must be computed again).
 */
import * as path from 'node:path';
import type { SourceHost } from '../core/types';

/** `from` imports `specifier`, which resolved to `target` (null: a package, or nothing on disk). */
export type ImportEdge = [from: string, specifier: string, target: string | null];

export interface HostRecord {
  /** Absolute names of the files the engine read through the host. */
  reads: string[];
  /** Every resolution the engine asked for. */
  edges: ImportEdge[];
}

export class RecordingSourceHost implements SourceHost {
  private reads?: Set<string>;
  private edges?: Map<string, ImportEdge>;

  constructor(readonly inner: SourceHost) {}

  /** Runs `fn` and returns, with its value, what the engine read and resolved meanwhile. */
  record<T>(fn: () => T): { value: T; record: HostRecord } {
    const reads = (this.reads = new Set());
    const edges = (this.edges = new Map());
    try {
      const value = fn();
      return { value, record: { reads: [...reads], edges: [...edges.values()] } };
    } finally {
      this.reads = undefined;
      this.edges = undefined;
    }
  }

  resolveImport(fromFile: string, specifier: string): string | undefined {
    const target = this.inner.resolveImport(fromFile, specifier);
    if (this.edges) {
      const from = path.resolve(fromFile);
      this.edges.set(`${from}\0${specifier}`, [from, specifier, target === undefined ? null : path.resolve(target)]);
    }
    return target;
  }

  readFile(fileName: string): string | undefined {
    this.reads?.add(path.resolve(fileName));
    return this.inner.readFile(fileName);
  }

  importers(fileName: string): string[] {
    // The importers' texts are read through readFile, so a change in one of them is a recorded dependency.
    return this.inner.importers?.(fileName) ?? [];
  }
}
