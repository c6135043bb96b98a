/**
 * Keeps a long run's memory near what it really holds. V8 sizes its heap for the machine (gigabytes here)
 * and collects lazily, so analysing thousands of files left ~5x the live data in garbage (1.5 GiB at 50k
 * files, 330 MiB with a heap cap). Every few files, when the process is big, ask for a full collection.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const EVERY = 10;
/** Heap in use (live data plus garbage) above which we collect: the live set is far smaller. */
const LIMIT = 160 * 1024 * 1024;
let gc: (() => void) | undefined;
let calls = 0;

export function relieveMemory(): void {
  if (++calls % EVERY !== 0) return;
  if (process.memoryUsage().heapUsed < LIMIT) return;
  if (!gc) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = () => undefined;
    }
  }
  gc();
}
