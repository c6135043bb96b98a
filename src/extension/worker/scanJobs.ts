// The worker's side of a workspace scan's file selection (protocol.ts ScanOp): reading the candidates, the CLI's
// selection (ScanSelector) and which files the CLI's discovery skips (.gitignore, the config's `ignore`), all off
// the extension host's thread. Free of `vscode` and of worker_threads: the unit tests call it directly.
import * as path from 'node:path';
import { discoverFiles } from '../../project/discover';
import { ScanSelector } from '../scanSelection';
import type { ScanOp, ScanResult, ScanRoot } from './protocol';

/**
 * The files of `files` that `front-contacts check .` run in their workspace folder would not check: each file
 * goes with the innermost root holding it, and is skipped when that root's discovery (the CLI's own:
 * git's ignore listing or the .gitignore files, the config's `ignore`, nested repositories, symlinked folders
 * seen once) does not list it. Files under no root are kept.
 */
export async function ignoredByProject(roots: readonly ScanRoot[], files: readonly string[]): Promise<string[]> {
  if (!roots.length || !files.length) return [];
  // Innermost first: a file inside a nested workspace folder belongs to that folder.
  const byDepth = [...roots].sort((a, b) => b.dir.length - a.dir.length);
  const within = (dir: string, file: string) => file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  const mine = new Map<ScanRoot, string[]>();
  for (const f of files) {
    const root = byDepth.find((r) => within(r.dir, f));
    if (!root) continue;
    let list = mine.get(root);
    if (!list) mine.set(root, (list = []));
    list.push(f);
  }
  const ignored: string[] = [];
  for (const [root, list] of mine) {
    const found = new Set((await discoverFiles(['.'], { cwd: root.dir, ignore: root.ignore })).files);
    for (const f of list) if (!found.has(f)) ignored.push(f);
  }
  return ignored;
}

/** Open scans by id: one ScanSelector each, dropped by `select` or `close`. */
export class ScanJobs {
  private readonly scans = new Map<number, ScanSelector>();

  async run(m: ScanOp): Promise<ScanResult> {
    switch (m.op) {
      case 'ignored':
        return { op: 'ignored', ignored: await ignoredByProject(m.roots, m.files) };
      case 'open':
        this.scans.set(m.scan, new ScanSelector(m.frontBaseUrls, m.knownFiles));
        return { op: 'open', size: 0 };
      case 'add': {
        const s = this.get(m.scan);
        await s.add(m.batch);
        return { op: 'add', size: s.size };
      }
      case 'select': {
        const s = this.get(m.scan);
        try {
          return { op: 'select', selection: await s.select() };
        } finally {
          this.scans.delete(m.scan);
        }
      }
      case 'close':
        this.scans.delete(m.scan);
        return { op: 'close', size: this.scans.size };
    }
  }

  /** Scans open (not selected or closed yet). */
  get open(): number {
    return this.scans.size;
  }

  private get(scan: number): ScanSelector {
    const s = this.scans.get(scan);
    if (!s) throw new Error(`no open scan ${scan}`);
    return s;
  }
}
