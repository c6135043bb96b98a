/** The result of a check run, as every output format sees it. */
import * as path from 'node:path';
import type { Finding, InputProblem } from '../core/types';

export interface FileReport {
  /** Absolute file name. */
  file: string;
  findings: Finding[];
  problems: InputProblem[];
}

export interface CheckReport {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** Files with findings or problems, in path order. */
  files: FileReport[];
  /** Text of analysed files (BOM removed), for code frames. */
  textOf(file: string): string | undefined;
  errorCount: number;
  warningCount: number;
  problemCount: number;
  fixableCount: number;
  /** Files looked at (all discovered files). */
  fileCount: number;
}

/** `file` relative to `cwd` with forward slashes (absolute when on another drive). */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  if (!rel) return path.basename(file);
  if (path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export function countFindings(files: readonly FileReport[]): Pick<CheckReport, 'errorCount' | 'warningCount' | 'problemCount' | 'fixableCount'> {
  let errorCount = 0;
  let warningCount = 0;
  let problemCount = 0;
  let fixableCount = 0;
  for (const f of files) {
    problemCount += f.problems.length;
    for (const x of f.findings) {
      if (x.severity === 'error') errorCount++;
      else warningCount++;
      if (x.fix) fixableCount++;
    }
  }
  return { errorCount, warningCount, problemCount, fixableCount };
}

/** Problems in line order; one without a place (the file could not be read) first. Stable. */
export function byPosition(a: { range?: { start: { line: number; column: number } } }, b: { range?: { start: { line: number; column: number } } }): number {
  return (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) || (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0);
}
