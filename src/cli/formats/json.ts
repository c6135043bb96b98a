/**
 * Machine output: a JSON array with one object per file that has findings or problems,
 * in path order: { filePath (absolute), findings: Finding[] (src/core/types.ts), problems: InputProblem[] }.
 */
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport): string {
  const files = report.files.map((f) => ({ filePath: f.file, findings: f.findings, problems: f.problems }));
  return JSON.stringify(files, null, 2) + '\n';
}
