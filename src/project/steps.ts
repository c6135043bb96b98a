/**
 * Long synchronous work written once, run two ways. The work is a generator that yields (nothing) at points
 * where it may pause; `runSteps` runs it through on the caller's stack (the CLI: nothing else to serve), and a
 * `Slicer` runs it a few milliseconds at a time, giving the event loop a turn between slices (the extension's
 * engine worker, which must keep answering the editor while a workspace scan selects its files).
 */

/** Resumable work: yields where it may pause, returns its result. */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A time budget shared by consecutive pieces of work: each slice runs at most about `sliceMs` before a pause. */
export class Slicer {
  private since = performance.now();
  /** Macrotask turns given away so far. */
  pauses = 0;

  /** `sliceMs` 0: a pause at every point where the work may pause. */
  constructor(readonly sliceMs = 8) {}

  /** Gives the event loop a turn (a macrotask: messages and I/O go first) when the slice is used up. */
  async pauseIfDue(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await new Promise<void>((r) => setImmediate(r));
    this.pauses++;
    this.since = performance.now();
  }

  /** Runs `steps`, pausing between slices. */
  async run<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      await this.pauseIfDue();
    }
  }
}
