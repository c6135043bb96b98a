/**
 * V8's young generation in a short run. It starts at 1 MB per semi-space and doubles up to 16 MB while objects
 * survive, and the engine's syntax trees all survive: by the end of a run on 1,000 files the young generation held
 * 33 MB of pages, each touched for the first time at a page fault. On the 2-core VMs we measure on a fault costs
 * ~12 µs (bench: 30k faults in a 1.1 s run). So `check` and `fix` keep it at its first size while they read, select
 * and analyse on the main thread: ~6k fewer faults at 1,000 files (~4% of the wall time), ~6% less wall time on a
 * 2,700-file application without Front code, and no change at 10,000 files (bench/RESULTS.md, session 14). A run
 * big enough for worker threads lets it grow again: each worker is a long analysis with a heap of its own.
 *
 * The flag is V8's own (`--semi-space-growth-factor`), read each time the young generation would grow; a run sets
 * it for itself (code-cache.ts checks and writes code caches under V8's defaults, which they are stamped with). A
 * user's own setting (node's options or NODE_OPTIONS) is left as it is, and so is any process the launcher
 * (bin/front-contacts.js) did not start: a test runner or a tool that calls the CLI's functions keeps its heap.
 */
import { clearRunFlag, setRunFlag } from './code-cache';

const CAP = '--semi-space-growth-factor=1';
/** Set by bin/front-contacts.js: this process is a run of the CLI. */
const LAUNCHED = Symbol.for('front-contacts.launched');
let capped = false;

export function capYoungGeneration(): void {
  if (capped || !(globalThis as { [LAUNCHED]?: boolean })[LAUNCHED]) return;
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('semi-space'))) return;
  capped = true;
  setRunFlag({ set: CAP, default: '--semi-space-growth-factor=2' });
}

/** Worker threads start (the flag is the process's): young generations grow as V8 likes. */
export function uncapYoungGeneration(): void {
  if (!capped) return;
  capped = false;
  clearRunFlag(CAP);
}
