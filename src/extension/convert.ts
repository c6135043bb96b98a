// Translation between the engine's plain data (offsets, 1-based ranges, file names) and VS Code's types.
import { lineStarts, offsetToPosition } from '../core/positions';
import * as vscode from 'vscode';
import type { Finding, RuleSetting, TextEdit } from '../core';
import { isUriName } from './sourceHost';

export const DIAGNOSTIC_SOURCE = 'front-contacts';
export const JS_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'] as const;
/** Schemes whose documents are views of something else (diffs, output): never analysed. */
const SKIPPED_SCHEMES = new Set(['git', 'gitfs', 'output', 'debug', 'vscode', 'vscode-scm', 'review', 'vscode-chat-code-block']);
const LANGUAGE_EXT: Record<string, string> = { javascript: '.js', typescript: '.ts', javascriptreact: '.jsx', typescriptreact: '.tsx' };

export function isAnalysable(doc: vscode.TextDocument): boolean {
  return (JS_LANGUAGES as readonly string[]).includes(doc.languageId) && !SKIPPED_SCHEMES.has(doc.uri.scheme);
}

/**
 * The file name the engine sees: the path for files on disk, the URI otherwise (virtual workspaces,
 * untitled buffers), with the language's extension added when the name has none so the parser
 * knows whether JSX/TypeScript syntax applies.
 */
export function analysisFileName(uri: vscode.Uri, languageId?: string): string {
  if (uri.scheme === 'file') return uri.fsPath;
  const s = uri.toString(true);
  if (languageId && !/\.[cm]?[jt]sx?$/i.test(uri.path)) return s + (LANGUAGE_EXT[languageId] ?? '.ts');
  return s;
}

export function uriForFileName(fileName: string): vscode.Uri {
  if (!isUriName(fileName)) return vscode.Uri.file(fileName);
  return vscode.Uri.parse(fileName, true);
}

/** Offsets -> positions for text that is not (necessarily) an open document. */
export class TextPositions {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  positionAt(offset: number): vscode.Position {
    // the engine's own line splitting (\n, \r\n, lone \r), so positions agree with its findings
    this.starts ??= lineStarts(this.text);
    const p = offsetToPosition(this.starts, Math.max(0, Math.min(offset, this.text.length)));
    return new vscode.Position(p.line - 1, p.column - 1);
  }
  range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.positionAt(start), this.positionAt(end));
  }
}

export function toSeverity(s: 'error' | 'warning'): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
}

/** The severity the user configured for the finding's rule, or its own; undefined when the rule is off. */
export function effectiveSeverity(f: Finding, rules: Partial<Record<string, RuleSetting>> | undefined): 'error' | 'warning' | undefined {
  const s = rules?.[f.ruleId];
  if (s === 'off') return undefined;
  return s ?? f.severity;
}

export interface AnalysedText {
  uri: vscode.Uri;
  fileName: string;
  positions: { positionAt(offset: number): vscode.Position };
}

export function toDiagnostic(f: Finding, severity: 'error' | 'warning', target: AnalysedText): vscode.Diagnostic {
  const range = new vscode.Range(target.positions.positionAt(f.start), target.positions.positionAt(f.end));
  const d = new vscode.Diagnostic(range, f.message, toSeverity(severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(f.docsUrl, true) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => {
      const inSameFile = r.file === target.fileName;
      const uri = inSameFile ? target.uri : uriForFileName(r.file);
      const rr = inSameFile
        ? new vscode.Range(target.positions.positionAt(r.start), target.positions.positionAt(r.end))
        : new vscode.Range(r.range.start.line - 1, r.range.start.column - 1, r.range.end.line - 1, r.range.end.column - 1);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, rr), r.message);
    });
  }
  return d;
}

/** The rule id of one of our diagnostics, or undefined for other sources. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

/**
 * Engine edits (possibly in several files) as a WorkspaceEdit. `textOf` gives the text each edit's
 * offsets refer to: the analysed buffer for the current file, the buffer or disk text for others.
 */
export function toWorkspaceEdit(
  edits: readonly TextEdit[],
  textOf: (fileName: string) => { uri: vscode.Uri; positions: { positionAt(o: number): vscode.Position } } | undefined,
  edit = new vscode.WorkspaceEdit(),
  metadata?: vscode.WorkspaceEditEntryMetadata,
): vscode.WorkspaceEdit | undefined {
  for (const e of edits) {
    const t = textOf(e.file);
    if (!t) return undefined; // a file we cannot see: do not apply half a fix
    const range = new vscode.Range(t.positions.positionAt(e.start), t.positions.positionAt(e.end));
    if (metadata) edit.replace(t.uri, range, e.newText, metadata);
    else edit.replace(t.uri, range, e.newText);
  }
  return edit;
}

/** The smallest single replacement that turns `before` into `after` (common prefix and suffix kept). */
export function minimalReplacement(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}
