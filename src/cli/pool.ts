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

/** Fewer files than this to analyse: one thread (starting workers and loading the engine in each costs more). */
export const WORKER_THRESHOLD = 64;
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

/**
 * Runs `tasks` on up to `size` workers. `onResult(index, outcome)` is called once per task, in chunk
 * completion order; `outcome` is undefined when the worker running it died (the caller then runs it
 * on the main thread), with the reason in `failure`.
 */
export function runOnWorkers<R extends CheckOutcome | FixOutcome>(
  script: string,
  size: number,
  init: WorkerInit,
  tasks: readonly FileTask[],
  onResult: (index: number, outcome: R | undefined, failure?: string) => void,
): Promise<void> {
  const chunkSize = Math.max(1, Math.min(16, Math.ceil(tasks.length / (size * 6))));
  const chunks: { start: number; end: number }[] = [];
  for (let s = 0; s < tasks.length; s += chunkSize) chunks.push({ start: s, end: Math.min(tasks.length, s + chunkSize) });
  let nextChunk = 0;
  let nextId = 0;

  return new Promise((resolve) => {
    let alive = 0;
    const finishIfDone = () => {
      if (alive > 0) return;
      // Every worker is gone: whatever is left goes back to the caller.
      for (; nextChunk < chunks.length; nextChunk++)
        for (let i = chunks[nextChunk].start; i < chunks[nextChunk].end; i++) onResult(i, undefined, 'no worker thread left');
      resolve();
    };
    const start = () => {
      const worker = new Worker(script, { workerData: init, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
      alive++;
      let current: { id: number; start: number; end: number } | undefined;
      let failure: string | undefined;
      const sendNext = () => {
        if (nextChunk >= chunks.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        const c = chunks[nextChunk++];
        current = { id: nextId++, ...c };
        const request: WorkerRequest = { id: current.id, tasks: tasks.slice(c.start, c.end) };
        worker.postMessage(request);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (!current || reply.id !== current.id) return;
        const c = current;
        reply.outcomes.forEach((o, k) => onResult(c.start + k, o as R));
        sendNext();
      });
      worker.on('error', (e) => {
        failure = e instanceof Error ? e.message : String(e);
      });
      worker.on('exit', (code) => {
        alive--;
        if (current) {
          const reason = `worker thread stopped (${failure ?? `exit code ${code}`})`;
          for (let i = current.start; i < current.end; i++) onResult(i, undefined, reason);
          current = undefined;
        }
        finishIfDone();
      });
      sendNext();
    };
    const count = Math.max(1, Math.min(size, chunks.length));
    if (chunks.length === 0) return resolve();
    for (let k = 0; k < count; k++) start();
  });
}
