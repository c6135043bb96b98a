/**
 * A small pool of worker threads for big runs: parsing is CPU-bound and single-threaded, so with
 * many files to analyse the other cores do the parsing. Files go out in contiguous chunks (files in
 * one folder tend to import the same modules, which each worker parses once); results come back per
 * chunk and callers put them back in path order, so output does not depend on which worker was first.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome, EngineSettings, FileTask, FixOutcome } from './analyse-one';
import { uncapYoungGeneration } from './young-generation';

export interface WorkerInit {
  kind: 'check' | 'fix';
  settings: EngineSettings;
  /** Discovered files (each worker's host then needs no stat for them). */
  knownFiles: string[];
  /** Report content hashes of the files read (the result cache is on). */
  hashes: boolean;
}
export interface WorkerRequest {
  id: number;
  tasks: FileTask[];
}
export interface WorkerReply {
  id: number;
  outcomes: (CheckOutcome | FixOutcome)[];
}

/**
 * Up to this many files to analyse, one thread: each worker loads the engine and warms up its own JIT,
 * and V8's background threads (GC, compilation) already keep a second core busy. Measured on 2 cores
 * with bench/cache-and-workers.mjs: 358 files ran 1.08x slower with 2 workers, 743 files 0.72x faster;
 * but on the 50k-file bench repository (600 files to analyse among 48k read) 2 workers ran 1.13x slower
 * and doubled peak RSS (494 vs 265 MiB): reading dominates there and the workers compete with it.
 */
export const WORKER_THRESHOLD = 1000;
export const MAX_AUTO_WORKERS = 4;

/**
 * V8's stack on the main thread is 984 KB (its default --stack-size); a worker's is 4 MB by default.
 * Node gives a worker stackSizeMb minus a 192 KB guard, so (984 + 192) / 1024 MB gives the same
 * depth on both: a file nested too deeply to parse fails the same way with and without workers.
 */
const WORKER_STACK_MB = (984 + 192) / 1024;

/** dist/cli-worker.js next to the running bundle; undefined when running from sources (tests). */
export function workerScript(): string | undefined {
  const p = path.join(__dirname, 'cli-worker.js');
  return existsSync(p) ? p : undefined;
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Workers to use for `files` files when the user did not say: none for small runs or a single core. */
export function autoWorkerCount(files: number): number {
  if (files <= WORKER_THRESHOLD) return 0;
  const n = Math.min(MAX_AUTO_WORKERS, cores());
  return n >= 2 ? n : 0;
}

interface Slot {
  worker: Worker;
  alive: boolean;
  /** The chunk in flight. */
  current?: { id: number; start: number; end: number };
  failure?: string;
}

/**
 * Worker threads, started before the work is known: each loads the engine as soon as it starts, so a
 * big run can overlap that with reading the files. `run()` then hands out the tasks in contiguous
 * chunks. Workers are unref'd while idle (a run that ends early does not hang on them) and are
 * terminated when there is nothing left to hand out.
 */
export class WorkerPool<R extends CheckOutcome | FixOutcome> {
  private readonly slots: Slot[] = [];
  private chunks: { start: number; end: number }[] = [];
  private nextChunk = 0;
  private nextId = 0;
  private tasks: readonly FileTask[] = [];
  private onResult?: (index: number, outcome: R | undefined, failure?: string) => void;
  private finished?: () => void;

  constructor(script: string, readonly size: number, init: WorkerInit) {
    uncapYoungGeneration(); // a big run: each worker's heap grows as V8 likes (young-generation.ts)
    for (let k = 0; k < size; k++) this.spawn(script, init);
  }

  private spawn(script: string, init: WorkerInit): void {
    const slot: Slot = { worker: new Worker(script, { workerData: init, resourceLimits: { stackSizeMb: WORKER_STACK_MB } }), alive: true };
    slot.worker.unref();
    this.slots.push(slot);
    slot.worker.on('message', (reply: WorkerReply) => {
      const c = slot.current;
      if (!c || reply.id !== c.id) return;
      slot.current = undefined;
      reply.outcomes.forEach((o, k) => this.onResult?.(c.start + k, o as R));
      this.sendNext(slot);
    });
    slot.worker.on('error', (e) => {
      slot.failure = e instanceof Error ? e.message : String(e);
    });
    slot.worker.on('exit', (code) => {
      slot.alive = false;
      const c = slot.current;
      slot.current = undefined;
      if (c) {
        const reason = `worker thread stopped (${slot.failure ?? `exit code ${code}`})`;
        for (let i = c.start; i < c.end; i++) this.onResult?.(i, undefined, reason);
      }
      this.checkDone();
    });
  }

  /**
   * Runs `tasks` (once per pool). `onResult(index, outcome)` is called once per task, in chunk
   * completion order; `outcome` is undefined when the worker running it died (the caller then runs
   * it on the main thread), with the reason in `failure`.
   */
  run(tasks: readonly FileTask[], onResult: (index: number, outcome: R | undefined, failure?: string) => void): Promise<void> {
    const chunkSize = Math.max(1, Math.min(16, Math.ceil(tasks.length / (this.size * 6))));
    this.tasks = tasks;
    this.onResult = onResult;
    for (let s = 0; s < tasks.length; s += chunkSize) this.chunks.push({ start: s, end: Math.min(tasks.length, s + chunkSize) });
    return new Promise((resolve) => {
      this.finished = resolve;
      for (const slot of this.slots) this.sendNext(slot);
      this.checkDone();
    });
  }

  /** Stops every worker (a run that needs none after all). */
  close(): void {
    for (const slot of this.slots) void slot.worker.terminate();
  }

  private sendNext(slot: Slot): void {
    if (!slot.alive || slot.current) return;
    if (this.nextChunk >= this.chunks.length) {
      slot.worker.unref();
      void slot.worker.terminate();
      return;
    }
    const c = this.chunks[this.nextChunk++];
    slot.current = { id: this.nextId++, ...c };
    const request: WorkerRequest = { id: slot.current.id, tasks: this.tasks.slice(c.start, c.end) };
    slot.worker.ref();
    slot.worker.postMessage(request);
  }

  private checkDone(): void {
    if (!this.finished) return;
    const busy = this.slots.some((s) => s.current);
    if (this.slots.some((s) => s.alive) && (busy || this.nextChunk < this.chunks.length)) return;
    // Every worker is gone (or all work is done): whatever is left goes back to the caller.
    for (; this.nextChunk < this.chunks.length; this.nextChunk++)
      for (let i = this.chunks[this.nextChunk].start; i < this.chunks[this.nextChunk].end; i++) this.onResult?.(i, undefined, 'no worker thread left');
    if (busy) return;
    const done = this.finished;
    this.finished = undefined;
    done();
  }
}

/** Runs `tasks` on a new pool of `size` workers (see WorkerPool.run). */
export function runOnWorkers<R extends CheckOutcome | FixOutcome>(
  script: string,
  size: number,
  init: WorkerInit,
  tasks: readonly FileTask[],
  onResult: (index: number, outcome: R | undefined, failure?: string) => void,
): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  return new WorkerPool<R>(script, Math.max(1, Math.min(size, tasks.length)), init).run(tasks, onResult);
}
