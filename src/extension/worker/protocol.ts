// Messages between the extension host (EngineClient) and the engine worker thread.
import type { AnalyzeOptions, Finding, InputProblem } from '../../core/types';
import type { IgnoreActions } from '../../core/ignore-edits';
import type { IgnoreRule } from '../../project/ignore';
import type { ScanCandidate, ScanSelection } from '../scanSelection';

export type EngineOptions = Pick<AnalyzeOptions, 'rules' | 'frontBaseUrls' | 'passThroughProxies'>;

interface RequestBase {
  id: number;
  fileName: string;
  text: string;
  options: EngineOptions;
  /** Unsaved editor buffers by analysis file name: they win over the disk for imported files. */
  buffers: Record<string, string>;
}
export interface AnalyzeRequest extends RequestBase {
  kind: 'analyze';
  /**
   * A workspace scan's request (a file that is not open): runs on a project of its own, so a scan never evicts
   * the open documents' parses, and after every queued editor request. EngineClient.analyze passes it through.
   */
  background?: boolean;
}
export interface FixRequest extends RequestBase {
  kind: 'fix';
  /** Fix All in Workspace's request: a background request, as AnalyzeRequest.background. EngineClient.fix passes it through. */
  background?: boolean;
}
export type EngineRequest =
  | AnalyzeRequest
  | FixRequest
  /** Drop a request that has not started (a newer version of the document superseded it). */
  | { kind: 'cancel'; id: number }
  /** Files changed on disk: forget cached directory listings, texts and tsconfig aliases. */
  | { kind: 'invalidate' }
  | ScanRequest
  | IgnoreRequest;

/** The "Ignore <rule> for this line / file" edits for findings of one text (answered at once, not queued). */
export interface IgnoreRequest {
  kind: 'ignore';
  id: number;
  fileName: string;
  text: string;
  findings: Array<Pick<Finding, 'ruleId' | 'start'>>;
}

/**
 * Workspace scans' file selection, run in the worker (src/extension/worker/scanJobs.ts) so that reading the
 * files and the CLI's selection never block the extension host. Answered as soon as done, not queued behind
 * engine requests. One scan: `open`, `add` per batch (the host reports progress and checks cancellation
 * between batches), then `select` (which ends it) or `close`.
 */
export type ScanOp =
  /** Which of `files` (paths on disk) the CLI skips when run in their workspace folder: .gitignore, the config's `ignore`. */
  | { op: 'ignored'; roots: ScanRoot[]; files: string[] }
  | { op: 'open'; scan: number; frontBaseUrls: string[]; knownFiles: string[] }
  | { op: 'add'; scan: number; batch: ScanCandidate[] }
  | { op: 'select'; scan: number }
  | { op: 'close'; scan: number };
export type ScanRequest = { kind: 'scan'; id: number } & ScanOp;

export interface ScanRoot {
  /** A workspace folder on disk (the CLI's cwd and path `.`). */
  dir: string;
  /** The `ignore` rules of the project config that applies there (the CLI's). */
  ignore: IgnoreRule[];
}

export type ScanResult =
  | { op: 'ignored'; ignored: string[] }
  | { op: 'open'; size: number }
  | { op: 'add'; size: number }
  | { op: 'close'; size: number }
  | { op: 'select'; selection: ScanSelection };

export interface AnalyzeResponse {
  findings: Finding[];
  problems: InputProblem[];
  /** Other files the engine read (imports), for re-analysis when they change. */
  filesRead: string[];
  ms: number;
}
export interface FixResponse {
  output: string;
  applied: number;
  refused?: string;
}

/** The worker's first message, sent once the engine is loaded: the extension logs it and its status item shows it. */
export interface WorkerMessage {
  kind: 'ready';
  /** The TypeScript version of the bundled parser. */
  typescript: string;
}

export type EngineResponse =
  | { id: number; ok: true; result: AnalyzeResponse | FixResponse | ScanResult | IgnoreActions[] }
  | { id: number; ok: false; cancelled?: boolean; error?: string };
