/**
 * Runs the engine over a list of files for `check` and `fix`: on the main thread for small runs,
 * in a pool of worker threads for big ones. Either way callers get each file's outcome by index,
 * so reports and writes stay in path order.
 */
import type { DiskSourceHost } from '../project/host';
import { RecordingSourceHost } from '../project/recording-host';
import { checkOne, fixOne, type CheckOutcome, type EngineSettings, type FileTask, type FixOutcome } from './analyse-one';
import { UsageError } from './args';
import { loadEngine, type Engine } from './engine';
import { autoWorkerCount, WorkerPool, workerScript } from './pool';
import type { CandidateContext } from './project-run';

type Kind = 'check' | 'fix';
type OutcomeOf<K extends Kind> = K extends 'check' ? CheckOutcome : FixOutcome;

export interface EngineRunnerOptions<K extends Kind> {
  kind: K;
  settings: EngineSettings;
  /** The main thread's host (texts read once, with content hashes when `hashes`). */
  host: DiskSourceHost;
  /** Every discovered file (workers' hosts need no stat for them). */
  knownFiles: string[];
  hashes: boolean;
  /** --workers: a number, or undefined for automatic. */
  workers?: number;
  /** Workers already started while the files were read (EarlyWorkers). */
  pool?: WorkerPool<OutcomeOf<K>>;
}

/** `--workers N` (or FRONT_CONTACTS_WORKERS): a whole number >= 0; undefined when not given. */
export function parseWorkerCount(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 16) throw new UsageError(`${source} expects a whole number from 0 to 16, got "${value}"`);
  return Number(value);
}

export class EngineRunner<K extends Kind> {
  private readonly recording: RecordingSourceHost;
  private engine?: Engine;
  /** Worker threads used by the last start() (0: the main thread did everything). */
  workersUsed = 0;
  /** Files a worker could not finish, run again on the main thread (debug output). */
  fallbacks: { file: string; reason: string }[] = [];

  constructor(private readonly options: EngineRunnerOptions<K>) {
    this.recording = new RecordingSourceHost(options.host);
  }

  /** Runs one file on the main thread, seeing the main host's current texts. */
  async runHere(task: FileTask): Promise<OutcomeOf<K>> {
    const engine = (this.engine ??= await loadEngine());
    const { kind, settings, host, hashes } = this.options;
    return (kind === 'fix' ? fixOne(engine, this.recording, host, task, settings, hashes) : checkOne(engine, this.recording, host, task, settings, hashes)) as OutcomeOf<K>;
  }

  /**
   * Starts the run; `outcome(i)` resolves with the outcome of tasks[i]. On the main thread a task
   * only runs when its outcome is asked for, so a caller that asks in order (fix, which writes
   * between files) sees the same host state as a plain loop.
   */
  start(tasks: readonly FileTask[]): (index: number) => Promise<OutcomeOf<K>> {
    let pool = this.options.pool;
    if (pool && tasks.length === 0) {
      pool.close();
      pool = undefined;
    }
    if (!pool) {
      const wanted = this.options.workers ?? autoWorkerCount(tasks.length);
      const script = wanted > 0 && tasks.length > 0 ? workerScript() : undefined;
      if (script) {
        try {
          const { kind, settings, knownFiles, hashes } = this.options;
          pool = new WorkerPool(script, Math.min(wanted, tasks.length), { kind, settings, knownFiles, hashes });
        } catch {
          pool = undefined;
        }
      }
    }
    if (!pool) {
      this.workersUsed = 0;
      return (i) => this.runHere(tasks[i]);
    }
    this.workersUsed = Math.min(pool.size, tasks.length);
    const settle: ((o: OutcomeOf<K> | Promise<OutcomeOf<K>>) => void)[] = [];
    const settled = new Array<boolean>(tasks.length).fill(false);
    const results = tasks.map(() => new Promise<OutcomeOf<K>>((resolve) => settle.push(resolve)));
    void pool.run(tasks, (i, outcome, failure) => {
      if (settled[i]) return;
      settled[i] = true;
      if (outcome) settle[i](outcome);
      else {
        // The worker died (out of memory, a crash in the parser): this file runs on the main thread.
        this.fallbacks.push({ file: tasks[i].file, reason: failure ?? 'unknown' });
        settle[i](this.runHere(tasks[i]));
      }
    });
    return (i) => results[i];
  }
}

/**
 * Starts the workers of a big run while its files are still being read: by the time the tasks are
 * known, each worker has loaded the engine. Only once it is sure they will be used: more than
 * WORKER_THRESHOLD files passed the prefilter (or --workers N was given and one did).
 */
export class EarlyWorkers<K extends Kind> {
  pool?: WorkerPool<OutcomeOf<K>>;

  constructor(
    private readonly kind: K,
    private readonly workers: number | undefined,
    private readonly settingsFor: (context: CandidateContext) => EngineSettings,
  ) {}

  candidateFound(count: number, context: CandidateContext): void {
    if (this.pool) return;
    const size = this.workers ?? autoWorkerCount(count);
    if (size === 0) return;
    const script = workerScript();
    if (!script) return;
    try {
      this.pool = new WorkerPool(script, size, { kind: this.kind, settings: this.settingsFor(context), knownFiles: [...context.discovered], hashes: false });
    } catch {
      // no worker threads here: the runner works on the main thread
    }
  }
}
