// The extension host's side of the engine worker: request/response over postMessage, supersession
// (a newer request for the same document cancels the older one), and a restart if the worker dies.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeResponse, EngineOptions, EngineRequest, EngineResponse, FixResponse, IgnoreRequest, ScanOp, ScanResult, WorkerMessage } from './worker/protocol';
import type { IgnoreActions } from '../core/ignore-edits';

type Result = AnalyzeResponse | FixResponse | ScanResult | IgnoreActions[];

interface Pending {
  resolve: (r: Result | undefined) => void;
  reject: (e: Error) => void;
  key?: string;
}

export interface EngineInput {
  fileName: string;
  text: string;
  options: EngineOptions;
  buffers: Record<string, string>;
}

/** Where the client reports the worker's life (the extension passes its LogOutputChannel; tests pass nothing). */
export interface EngineLog {
  info(message: string): void;
  error(message: string): void;
}

/** The worker's state, for the status item: starting (loading the engine), ready, or stopped by an error. */
export type EngineState = 'stopped' | 'starting' | 'ready' | 'failed';

export class EngineClient {
  private worker: Worker | undefined;
  private workerStarted = 0;
  private stateNow: EngineState = 'stopped';
  /** Time the last worker took from its start to its first message (the engine loaded), in ms. */
  loadMs: number | undefined;
  /** Called whenever `state` changes. */
  onStateChange: (state: EngineState) => void = () => {};
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Latest request id per document key: an older one still queued is cancelled. */
  private readonly latest = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly workerFile = path.join(__dirname, 'extension-worker.js'),
    private readonly log: EngineLog = { info: () => {}, error: () => {} },
  ) {}

  get state(): EngineState {
    return this.stateNow;
  }

  /**
   * Starts the worker now instead of at the first request: loading the engine (the TypeScript parser is most of
   * it) then overlaps with VS Code opening the file, so the first diagnostics do not wait for it.
   */
  start(): void {
    if (!this.disposed) this.ensureWorker();
  }

  private setState(s: EngineState): void {
    if (s === this.stateNow) return;
    this.stateNow = s;
    this.onStateChange(s);
  }

  /** Findings for the text; undefined when a newer request for the same `key` superseded this one. */
  analyze(input: EngineInput, key?: string): Promise<AnalyzeResponse | undefined> {
    return this.request({ kind: 'analyze', id: 0, ...input }, key) as Promise<AnalyzeResponse | undefined>;
  }

  /** core fixText() on the text: safe fixes only, re-applied until stable. */
  fix(input: EngineInput): Promise<FixResponse> {
    return this.request({ kind: 'fix', id: 0, ...input }) as Promise<FixResponse>;
  }

  /**
   * One step of a workspace scan's file selection, run in the worker (protocol.ts ScanOp; scanClient.ts drives
   * it). Undefined when the client was disposed; rejected when the worker failed.
   */
  scan(op: ScanOp): Promise<ScanResult | undefined> {
    return this.request({ kind: 'scan', id: 0, ...op }) as Promise<ScanResult | undefined>;
  }

  /** The "Ignore <rule> for this line / file" edits for findings of this text (core/ignore-edits.ts). */
  ignoreActions(input: Omit<IgnoreRequest, 'kind' | 'id'>): Promise<IgnoreActions[] | undefined> {
    return this.request({ kind: 'ignore', id: 0, ...input }) as Promise<IgnoreActions[] | undefined>;
  }

  /** Files changed on disk: the worker drops its caches. */
  invalidate(): void {
    this.worker?.postMessage({ kind: 'invalidate' } satisfies EngineRequest);
  }

  /** Requests sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  private request(req: EngineRequest & { id: number }, key?: string): Promise<Result | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    const w = this.ensureWorker();
    req.id = this.nextId++;
    if (key !== undefined) {
      const older = this.latest.get(key);
      if (older !== undefined && this.pending.has(older)) w.postMessage({ kind: 'cancel', id: older } satisfies EngineRequest);
      this.latest.set(key, req.id);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject, key });
      w.ref(); // keep the process alive while an answer is due; unref'd again when idle
      w.postMessage(req);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    this.workerStarted = performance.now();
    const w = new Worker(this.workerFile, { name: 'front-contacts-engine' });
    this.setState('starting');
    w.on('message', (m: EngineResponse | WorkerMessage) => {
      if ('kind' in m) {
        // Sent once the worker loaded the engine: the start took from the Worker's creation to now.
        this.loadMs = performance.now() - this.workerStarted;
        this.log.info(`engine worker ready in ${Math.round(this.loadMs)} ms (TypeScript ${m.typescript})`);
        this.setState('ready');
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (p.key !== undefined && this.latest.get(p.key) === m.id) this.latest.delete(p.key);
      if (this.pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.result);
      else if (m.cancelled) p.resolve(undefined);
      else p.reject(new Error(m.error ?? 'engine error'));
    });
    const fail = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.disposed) {
        this.log.error(`engine worker stopped: ${e.stack ?? e.message}`);
        this.setState('failed');
      }
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.latest.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    // An idle worker must not keep the extension host (or a script) alive.
    w.unref();
    this.worker = w;
    this.log.info(`engine worker starting (${path.basename(this.workerFile)})`);
    return w;
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    void w?.terminate();
  }
}
