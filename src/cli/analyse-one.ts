/**
 * One file through the engine, the same way on the main thread and in a worker: the result, or
 * the error as a per-file problem, plus what the engine read through the host meanwhile.
 */
import { relieveMemory } from './memory';
import type { Finding, InputProblem, RuleId, RuleSetting } from '../core/types';
import type { DiskSourceHost } from '../project/host';
import type { HostRecord, RecordingSourceHost } from '../project/recording-host';
import type { Engine } from './engine';

/** What crosses to a worker: plain data only (the host is each side's own). */
export interface EngineSettings {
  rules?: Partial<Record<RuleId, RuleSetting>>;
  frontBaseUrls?: string[];
  passThroughProxies?: string[];
  reportUnusedIgnores?: boolean;
  /** fix: also apply suggestions. */
  suggestions?: boolean;
}

export interface FileTask {
  file: string;
  /** The text as read (BOM removed). */
  text: string;
  /** Its content hash, when the result cache is on. */
  hash?: string;
}

export interface Dependencies {
  /** Files read through the host, other than the task's own, with the content hash the host saw (when asked for). */
  reads: [file: string, hash: string | null][];
  edges: HostRecord['edges'];
}

export interface CheckOutcome extends Dependencies {
  findings: Finding[];
  problems: InputProblem[];
  /** The engine threw: the problem says so, and the run exits 2. */
  internalError?: boolean;
}

export interface FixOutcome extends Dependencies {
  result?: { output: string; applied: Finding[]; remaining: Finding[]; refused?: string; problems: InputProblem[] };
  /** The engine threw. */
  error?: string;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A file nested so deeply that the parser runs out of stack is a problem with that file, not a
 * failure of the tool: it is reported like a syntax error and the run goes on.
 */
function tooDeep(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
const TOO_DEEP = 'not analysed: the code is nested too deeply to parse';

function dependencies(task: FileTask, record: HostRecord, disk: DiskSourceHost, withHashes: boolean): Dependencies {
  const reads: Dependencies['reads'] = [];
  for (const f of record.reads) if (f !== task.file) reads.push([f, withHashes ? disk.contentHash(f) : null]);
  return { reads, edges: record.edges };
}

export function checkOne(engine: Engine, host: RecordingSourceHost, disk: DiskSourceHost, task: FileTask, settings: EngineSettings, withHashes: boolean): CheckOutcome {
  relieveMemory();
  const { value, record } = host.record((): Pick<CheckOutcome, 'findings' | 'problems' | 'internalError'> => {
    try {
      const r = engine.analyze(task.file, task.text, { rules: settings.rules, frontBaseUrls: settings.frontBaseUrls, passThroughProxies: settings.passThroughProxies, reportUnusedIgnores: settings.reportUnusedIgnores, host, once: true });
      return { findings: r.findings, problems: r.problems };
    } catch (e) {
      if (tooDeep(e)) return { findings: [], problems: [{ file: task.file, message: TOO_DEEP }] };
      return { findings: [], problems: [{ file: task.file, message: `internal error while analysing: ${errorText(e)}` }], internalError: true };
    }
  });
  return { ...value, ...dependencies(task, record, disk, withHashes) };
}

export function fixOne(engine: Engine, host: RecordingSourceHost, disk: DiskSourceHost, task: FileTask, settings: EngineSettings, withHashes: boolean): FixOutcome {
  relieveMemory();
  const { value, record } = host.record((): Pick<FixOutcome, 'result' | 'error'> => {
    try {
      const r = engine.fixText(task.file, task.text, { rules: settings.rules, frontBaseUrls: settings.frontBaseUrls, passThroughProxies: settings.passThroughProxies, suggestions: settings.suggestions, host });
      return { result: { output: r.output, applied: r.applied, remaining: r.remaining, refused: r.refused, problems: r.problems } };
    } catch (e) {
      if (tooDeep(e)) return { result: { output: task.text, applied: [], remaining: [], problems: [{ file: task.file, message: TOO_DEEP.replace('analysed', 'fixed') }] } };
      return { error: errorText(e) };
    }
  });
  return { ...value, ...dependencies(task, record, disk, withHashes) };
}
