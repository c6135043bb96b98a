// TEMPORARY STUB: replaced by the real engine. Signatures are final.
import type { AnalyzeOptions, AnalyzeResult, Finding } from './types';
import { applyEdits } from './edits';

export function mightMatch(_text: string): boolean {
  return true;
}

export function analyze(_fileName: string, _text: string, _options: AnalyzeOptions = {}): AnalyzeResult {
  return { findings: [], problems: [] };
}

export interface FixOptions extends AnalyzeOptions {
  /** Also apply the first suggestion of findings that have no safe fix. */
  suggestions?: boolean;
}
export interface FixResult {
  output: string;
  /** Findings whose edits were applied. */
  applied: Finding[];
  /** Findings left after fixing (analysed on the output). */
  remaining: Finding[];
  /** Set when the fixed text would not parse; output is then the input. */
  refused?: string;
}

export function fixText(fileName: string, text: string, options: FixOptions = {}): FixResult {
  const r = analyze(fileName, text, options);
  return { output: applyEdits(text, []), applied: [], remaining: r.findings };
}
