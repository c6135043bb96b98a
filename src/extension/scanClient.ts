// The extension host's side of a workspace scan's file selection: the reading and the CLI's selection
// (ScanSelector) run in the engine worker (worker/scanJobs.ts), so the host only sends file names and the texts
// it alone has (open editors' unsaved buffers, virtual files), and gets the selection back. Free of `vscode`:
// the benchmark drives it too.
import type { EngineClient } from './engineClient';
import type { ScanCandidate, ScanSelection } from './scanSelection';
import type { ScanOp, ScanResult, ScanRoot } from './worker/protocol';

let nextScan = 1;

async function ask<K extends ScanResult['op']>(engine: EngineClient, op: ScanOp & { op: K }): Promise<Extract<ScanResult, { op: K }>> {
  const r = await engine.scan(op);
  if (!r) throw new Error('the engine worker was stopped');
  if (r.op !== op.op) throw new Error(`engine worker answered ${r.op} to ${op.op}`);
  return r as Extract<ScanResult, { op: K }>;
}

/**
 * The files of `files` (paths on disk) that `front-contacts check` run in their workspace folder skips for
 * .gitignore or the config's `ignore` (src/project/discover.ts, in the worker).
 */
export async function ignoredByProject(engine: EngineClient, roots: ScanRoot[], files: string[]): Promise<Set<string>> {
  if (!roots.length || !files.length) return new Set();
  return new Set((await ask(engine, { op: 'ignored', roots, files })).ignored);
}

/** ScanSelector's interface (add batches, then select), with the selector in the engine worker. */
export class WorkerScanSelector {
  private readonly scan = nextScan++;
  private opened: Promise<unknown>;
  private done = false;
  size = 0;

  /** As ScanSelector's constructor. */
  constructor(
    private readonly engine: EngineClient,
    frontBaseUrls: readonly string[],
    knownFiles: readonly string[] = [],
  ) {
    this.opened = ask(engine, { op: 'open', scan: this.scan, frontBaseUrls: [...frontBaseUrls], knownFiles: [...knownFiles] });
    this.opened.catch(() => undefined); // seen by add() or select(); not an unhandled rejection meanwhile
  }

  /** Reads (in the worker) or takes the given text of one batch of candidates. */
  async add(batch: readonly ScanCandidate[]): Promise<void> {
    await this.opened;
    this.size = (await ask(this.engine, { op: 'add', scan: this.scan, batch: [...batch] })).size;
  }

  /** The selection; the scan is over in the worker. */
  async select(): Promise<ScanSelection> {
    await this.opened;
    this.done = true;
    return (await ask(this.engine, { op: 'select', scan: this.scan })).selection;
  }

  /** Drops the worker's state of a scan that will not select (cancelled). */
  dispose(): void {
    if (this.done) return;
    this.done = true;
    void this.opened.then(() => this.engine.scan({ op: 'close', scan: this.scan })).catch(() => undefined);
  }
}
