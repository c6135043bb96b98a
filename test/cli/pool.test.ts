/**
 * runOnWorkers with stand-in worker scripts (real threads): every task is answered exactly once,
 * and the tasks of a worker that dies come back without an outcome and with the reason, so the
 * CLI runs them on the main thread instead of losing them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckOutcome, FileTask } from '../../src/cli/analyse-one';
import { autoWorkerCount, runOnWorkers, WORKER_THRESHOLD, WorkerPool, type WorkerInit } from '../../src/cli/pool';

/** A worker that answers each task with a finding-free outcome naming the file, and dies on "crash". */
const ECHO_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.tasks.some((t) => t.file.includes('crash'))) process.exit(3);
  if (m.tasks.some((t) => t.file.includes('throw'))) throw new Error('parser exploded');
  parentPort.postMessage({ id: m.id, outcomes: m.tasks.map((t) => ({ findings: [], problems: [{ file: t.file, message: 'seen by ' + threadId }], reads: [], edges: [] })) });
});
`;

function script(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-pool-'));
  const file = path.join(dir, 'worker.js');
  writeFileSync(file, ECHO_WORKER);
  return file;
}

const init: WorkerInit = { kind: 'check', settings: {}, knownFiles: [], hashes: false };
const tasks = (names: string[]): FileTask[] => names.map((n) => ({ file: `/p/${n}.ts`, text: '' }));

async function run(names: string[], size: number) {
  const got = new Map<number, { outcome?: CheckOutcome; failure?: string }>();
  let calls = 0;
  await runOnWorkers<CheckOutcome>(script(), size, init, tasks(names), (i, outcome, failure) => {
    calls++;
    got.set(i, { outcome, failure });
  });
  return { got, calls };
}

describe('runOnWorkers', () => {
  it('answers every task once, spreading the chunks over the workers', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `f${i}`);
    const { got, calls } = await run(names, 2);
    expect(calls).toBe(100);
    expect([...got.keys()].sort((a, b) => a - b)).toEqual(names.map((_, i) => i));
    for (const [i, r] of got) expect(r.outcome?.problems[0].file).toBe(`/p/f${i}.ts`);
    const threads = new Set([...got.values()].map((r) => r.outcome!.problems[0].message));
    expect(threads.size).toBe(2);
  });

  it('hands back the chunk of a worker that exits, and the other workers finish the rest', async () => {
    const names = Array.from({ length: 40 }, (_, i) => (i === 13 ? 'crash' : `f${i}`));
    const { got, calls } = await run(names, 2);
    expect(calls).toBe(40);
    const failed = [...got].filter(([, r]) => !r.outcome);
    expect(failed.map(([i]) => i)).toContain(13);
    expect(new Set(failed.map(([, r]) => r.failure))).toEqual(new Set(['worker thread stopped (exit code 3)']));
    // one chunk lost (at most 16 files, the chunk size cap), the rest answered by the surviving worker
    expect(failed.length).toBeLessThanOrEqual(16);
    expect([...got.values()].filter((r) => r.outcome).length).toBe(40 - failed.length);
  });

  it('reports the error of a worker that throws, and returns everything when no worker is left', async () => {
    const names = ['throw', ...Array.from({ length: 5 }, (_, i) => `f${i}`)];
    const { got, calls } = await run(names, 1);
    expect(calls).toBe(6);
    expect(got.get(0)).toEqual({ outcome: undefined, failure: 'worker thread stopped (parser exploded)' });
    for (let i = 1; i < 6; i++) expect(got.get(i)?.outcome).toBeUndefined();
  });

  it('a pool started before the work is known (while files are read) runs it later; close() stops an unused one', async () => {
    const pool = new WorkerPool<CheckOutcome>(script(), 2, init);
    await new Promise((r) => setTimeout(r, 200));
    const seen: number[] = [];
    await pool.run(tasks(['a', 'b', 'c']), (i, outcome) => {
      expect(outcome?.problems[0].file).toBe(`/p/${'abc'[i]}.ts`);
      seen.push(i);
    });
    expect(seen.sort()).toEqual([0, 1, 2]);
    const unused = new WorkerPool<CheckOutcome>(script(), 2, init);
    unused.close();
    // an empty run after close returns at once
    await unused.run([], () => expect.unreachable());
  });

  it('uses workers only above the threshold and with two cores or more', () => {
    expect(autoWorkerCount(WORKER_THRESHOLD)).toBe(0);
    expect(autoWorkerCount(WORKER_THRESHOLD + 1)).toBeLessThanOrEqual(4);
    expect(autoWorkerCount(WORKER_THRESHOLD + 1)).not.toBe(1);
  });
});
