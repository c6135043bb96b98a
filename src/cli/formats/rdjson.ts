/**
 * reviewdog's Diagnostic Format as one JSON document (`rdjson`, the `DiagnosticResult` message of
 * https://github.com/reviewdog/reviewdog/blob/master/proto/rdf/reviewdog.proto), for
 * `reviewdog -f=rdjson`. reviewdog reads it with protojson, which rejects unknown fields, so only
 * fields of the proto are written.
 *
 * Positions: lines are 1-based; columns are 1-based UTF-8 BYTE offsets in the line (the proto says so,
 * and reviewdog slices the line's bytes with them when it renders a suggestion), so the engine's
 * UTF-16 columns are converted with the file's text. Ranges are end-exclusive, like the engine's.
 *
 * Suggestions carry the safe fix (what `front-contacts fix` applies), one per group of edits: edits
 * of one fix that share a line are merged into one suggestion, because GitHub suggested changes
 * replace whole lines and reviewdog renders each suggestion against the original line, so two
 * suggestions on one line could not both be committed. Edits on different lines stay separate.
 */
import type { Finding, InputProblem, Position, TextEdit } from '../../core/types';
import { lineStarts, offsetToPosition } from '../../core/positions';
import { displayPath, type CheckReport } from '../report';
import { INFORMATION_URI } from './sarif';

export interface RdPosition {
  line: number;
  column?: number;
}
export interface RdRange {
  start: RdPosition;
  end?: RdPosition;
}
export interface RdSuggestion {
  range: RdRange;
  text: string;
}
export interface RdDiagnostic {
  message: string;
  location: { path: string; range?: RdRange };
  severity: 'ERROR' | 'WARNING' | 'INFO';
  code?: { value: string; url?: string };
  suggestions?: RdSuggestion[];
}
export interface RdDiagnosticResult {
  source: { name: string; url: string };
  diagnostics: RdDiagnostic[];
}

/** Converts UTF-16 positions of one file to reviewdog's UTF-8 byte columns. */
class ByteColumns {
  private starts?: number[];
  constructor(private readonly text: string | undefined) {}

  private lineStarts(): number[] | undefined {
    if (this.text === undefined) return undefined;
    return (this.starts ??= lineStarts(this.text));
  }

  fromOffset(offset: number): RdPosition {
    const starts = this.lineStarts();
    if (!starts || this.text === undefined) return { line: 1, column: offset + 1 };
    const p = offsetToPosition(starts, offset);
    return { line: p.line, column: Buffer.byteLength(this.text.slice(starts[p.line - 1], offset), 'utf8') + 1 };
  }

  fromPosition(pos: Position): RdPosition {
    const starts = this.lineStarts();
    if (!starts || this.text === undefined || pos.line > starts.length) return { line: pos.line, column: pos.column };
    const lineStart = starts[pos.line - 1];
    return { line: pos.line, column: Buffer.byteLength(this.text.slice(lineStart, lineStart + pos.column - 1), 'utf8') + 1 };
  }
}

/** Groups a fix's edits (one file, sorted) so that edits touching a common line form one suggestion. */
function suggestionsFor(f: Finding, text: string | undefined, columns: ByteColumns): RdSuggestion[] | undefined {
  const edits = f.fix?.edits;
  if (!edits?.length || text === undefined) return undefined;
  // A suggestion has no file of its own: a fix reaching into another file cannot be offered in part.
  if (edits.some((e) => e.file !== f.file)) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: TextEdit[][] = [];
  for (const e of sorted) {
    const last = groups[groups.length - 1];
    if (last) {
      const prev = last[last.length - 1];
      // same line as where the previous edit ends: merge
      if (columns.fromOffset(e.start).line <= columns.fromOffset(prev.end).line) {
        last.push(e);
        continue;
      }
    }
    groups.push([e]);
  }
  return groups.map((g) => {
    const start = g[0].start;
    const end = g[g.length - 1].end;
    let replacement = '';
    let pos = start;
    for (const e of g) {
      replacement += text.slice(pos, e.start) + e.newText;
      pos = e.end;
    }
    return { range: { start: columns.fromOffset(start), end: columns.fromOffset(end) }, text: replacement };
  });
}

function findingDiagnostic(report: CheckReport, f: Finding): RdDiagnostic {
  const text = report.textOf(f.file);
  const columns = new ByteColumns(text);
  const d: RdDiagnostic = {
    message: f.message,
    location: {
      path: displayPath(report.cwd, f.file),
      range: text !== undefined ? { start: columns.fromOffset(f.start), end: columns.fromOffset(f.end) } : { start: columns.fromPosition(f.range.start), end: columns.fromPosition(f.range.end) },
    },
    severity: f.severity === 'error' ? 'ERROR' : 'WARNING',
    code: { value: f.ruleId, url: f.docsUrl },
  };
  const suggestions = suggestionsFor(f, text, columns);
  if (suggestions?.length) d.suggestions = suggestions;
  return d;
}

/** Unreadable files, syntax errors, unused or unknown ignore directives: they fail the run, so show them. */
function problemDiagnostic(report: CheckReport, p: InputProblem): RdDiagnostic {
  const columns = new ByteColumns(report.textOf(p.file));
  const location: RdDiagnostic['location'] = { path: displayPath(report.cwd, p.file) };
  if (p.range) location.range = { start: columns.fromPosition(p.range.start), end: columns.fromPosition(p.range.end) };
  return { message: p.message, location, severity: 'ERROR', code: { value: 'file-problem' } };
}

export function buildRdjson(report: CheckReport): RdDiagnosticResult {
  const diagnostics: RdDiagnostic[] = [];
  for (const fr of report.files) {
    for (const p of fr.problems) diagnostics.push(problemDiagnostic(report, p));
    for (const f of fr.findings) diagnostics.push(findingDiagnostic(report, f));
  }
  return { source: { name: 'front-contacts', url: INFORMATION_URI }, diagnostics };
}

export function formatRdjson(report: CheckReport): string {
  return JSON.stringify(buildRdjson(report), null, 2) + '\n';
}
