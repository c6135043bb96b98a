// Messages between the extension host (EngineClient) and the engine worker thread.
import type { AnalyzeOptions, Finding, InputProblem } from '../../core/types';

export type EngineOptions = Pick<AnalyzeOptions, 'rules' | 'frontBaseUrls'>;

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
  | { kind: 'invalidate' };

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

export type EngineResponse =
  | { id: number; ok: true; result: AnalyzeResponse | FixResponse }
  | { id: number; ok: false; cancelled?: boolean; error?: string };
