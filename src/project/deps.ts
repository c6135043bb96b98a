/**
 * What a file's analysis can depend on: the file, and every project file reachable from it through
 * imports. Edges come from two sources, so that neither the engine's own caches nor a regex miss can
 * hide one: a regex scan of each file's import specifiers (resolved through the host), and the
 * resolutions the engine really asked for (recorded by RecordingSourceHost).
 */
import * as path from 'node:path';
import type { SourceHost } from '../core/types';
import { scanImportSpecifiers } from './imports';
import type { ImportEdge } from './recording-host';

export class ImportGraph {
  private readonly scanned = new Map<string, Map<string, string | null>>();
  private readonly recorded = new Map<string, Map<string, string | null>>();
  private readonly extraReads = new Map<string, Set<string>>();

  constructor(private readonly host: SourceHost) {}

  /** Adds resolutions the engine made. */
  addEdges(edges: Iterable<ImportEdge>): void {
    for (const [from, spec, target] of edges) {
      let m = this.recorded.get(from);
      if (!m) this.recorded.set(from, (m = new Map()));
      m.set(spec, target);
    }
  }

  /** Files the engine read while analysing `file` (normally all reached through edges, but to be sure). */
  addReads(file: string, reads: Iterable<string>): void {
    let s = this.extraReads.get(file);
    if (!s) this.extraReads.set(file, (s = new Set()));
    for (const r of reads) if (r !== file) s.add(r);
  }

  /** The file's text changed (fix wrote it): scan its imports again when next asked. */
  forget(file: string): void {
    this.scanned.delete(path.resolve(file));
  }

  /** Every known resolution of `file`'s import specifiers: specifier -> file (null: none). */
  importsOf(file: string): Map<string, string | null> {
    const key = path.resolve(file);
    let scanned = this.scanned.get(key);
    if (!scanned) {
      scanned = new Map();
      const text = this.host.readFile(key);
      if (text !== undefined)
        for (const spec of scanImportSpecifiers(text)) {
          if (scanned.has(spec)) continue;
          const target = this.host.resolveImport(key, spec);
          scanned.set(spec, target === undefined ? null : path.resolve(target));
        }
      this.scanned.set(key, scanned);
    }
    const recorded = this.recorded.get(key);
    if (!recorded) return scanned;
    const merged = new Map(scanned);
    for (const [spec, target] of recorded) if (!merged.has(spec) || merged.get(spec) === null) merged.set(spec, target);
    return merged;
  }

  /** `roots` and every file reachable from them (imports, and files recorded as read). */
  closure(roots: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const queue = [...roots].map((r) => path.resolve(r));
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const target of this.importsOf(f).values()) if (target !== null && !seen.has(target)) queue.push(target);
      for (const r of this.extraReads.get(f) ?? []) if (!seen.has(r)) queue.push(r);
    }
    return seen;
  }
}
