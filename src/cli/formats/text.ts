/**
 * Human output: `path:line:col` headers (clickable in terminals and editors), a code frame
 * under each finding, related locations, and a summary. Colours only when asked for.
 */
import { DOCS_BASE } from '../../core/rules/registry';
import type { Finding, Range } from '../../core/types';
import { displayPath, type CheckReport } from '../report';

export interface TextOptions {
  color: boolean;
}

type Paint = (s: string) => string;
interface Palette {
  red: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
  cyan: Paint;
  green: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Paint = (s) => s;

function palette(color: boolean): Palette {
  if (!color) return { red: plain, yellow: plain, dim: plain, bold: plain, cyan: plain, green: plain };
  return { red: sgr(31, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22), cyan: sgr(36, 39), green: sgr(32, 39) };
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Longest line shown in a frame; longer lines (minified code) show a window around the finding. */
const MAX_FRAME_WIDTH = 160;

/** A code frame: one line of context on each side, carets under the range (first 3 lines of it). */
export function codeFrame(text: string, range: Range, p: Palette = palette(false)): string {
  const lines = splitLines(text);
  // A final newline does not start a line worth showing.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, range.start.line - 1);
  const lastMarked = Math.min(range.end.line, range.start.line + 2);
  const last = Math.min(lines.length, lastMarked + 1);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const marked = n >= range.start.line && n <= lastMarked;
    let from = 0;
    // Character span of the marker on this line (0-based, end exclusive).
    let markStart = 0;
    let markEnd = 0;
    if (marked) {
      markStart = n === range.start.line ? range.start.column - 1 : raw.search(/\S|$/);
      markEnd = n === range.end.line ? range.end.column - 1 : raw.length;
      if (markEnd <= markStart) markEnd = markStart + 1;
    }
    let shown = raw;
    if (raw.length > MAX_FRAME_WIDTH) {
      from = Math.max(0, Math.min((marked ? markStart : 0) - 40, raw.length - MAX_FRAME_WIDTH));
      shown = (from > 0 ? '…' : '') + raw.slice(from, from + MAX_FRAME_WIDTH) + (from + MAX_FRAME_WIDTH < raw.length ? '…' : '');
    }
    const shift = from > 0 ? from - 1 : 0;
    const num = String(n).padStart(gutter);
    out.push(`${marked ? p.red('>') : ' '} ${p.dim(`${num} |`)} ${shown}`);
    if (marked) {
      const start = Math.max(0, markStart - shift);
      const width = Math.max(1, Math.min(markEnd - shift, shown.length) - start);
      out.push(`  ${p.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(start)}${p.red('^'.repeat(width))}`);
    }
  }
  if (range.end.line > lastMarked) out.push(`  ${p.dim(`${' '.repeat(gutter)} |`)} ${p.dim('…')}`);
  return out.join('\n');
}

const REDIRECT_RULES = new Set(['contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped']);
const TEST_BEFORE_MIGRATION_URL = `${DOCS_BASE}#test-before-the-migration`;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingBlock(report: CheckReport, f: Finding, p: Palette): string {
  const where = `${displayPath(report.cwd, f.file)}:${f.range.start.line}:${f.range.start.column}`;
  const sev = f.severity === 'error' ? p.red('error') : p.yellow('warning');
  const lines = [`${p.bold(where)} ${sev} ${f.message} ${p.dim(f.ruleId)}`];
  const text = report.textOf(f.file);
  if (text !== undefined) lines.push(codeFrame(text, f.range, p));
  for (const r of f.related ?? []) lines.push(`  ${p.cyan('related')} ${displayPath(report.cwd, r.file)}:${r.range.start.line}:${r.range.start.column} ${r.message}`);
  if (f.fix) lines.push(`  ${p.green('fix')} available: front-contacts fix`);
  for (const s of f.suggestions ?? []) lines.push(`  ${p.cyan('suggestion')} ${s.title} (front-contacts fix --suggestions)`);
  lines.push(`  ${p.dim(`docs: ${f.docsUrl}`)}`);
  return lines.join('\n');
}

export function formatText(report: CheckReport, options: TextOptions): string {
  const p = palette(options.color);
  const blocks: string[] = [];
  for (const fr of report.files) {
    // In line order, as an editor lists them: a problem without a place (the file could not be read) first,
    // then problems (syntax errors) and findings by where they are.
    const items: { line: number; column: number; block: string }[] = [];
    for (const prob of fr.problems) {
      const at = prob.range ? `:${prob.range.start.line}:${prob.range.start.column}` : '';
      const block = `${p.bold(displayPath(report.cwd, prob.file) + at)} ${p.red('problem')} ${prob.message}`;
      items.push({ line: prob.range?.start.line ?? 0, column: prob.range?.start.column ?? 0, block });
    }
    for (const f of fr.findings) items.push({ line: f.range.start.line, column: f.range.start.column, block: findingBlock(report, f, p) });
    // A stable sort: findings at one place keep the report's order.
    items.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const item of items) blocks.push(item.block);
  }
  const total = report.errorCount + report.warningCount;
  const summary: string[] = [];
  if (total === 0 && report.problemCount === 0) {
    summary.push(p.green(`No problems found in ${plural(report.fileCount, 'file')}.`));
  } else {
    const parts = [`${plural(total, 'finding')} (${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')})`];
    if (report.problemCount) parts.push(`${plural(report.problemCount, 'file problem')}`);
    summary.push(`${report.errorCount || report.problemCount ? p.red('✖') : p.yellow('⚠')} ${parts.join(', ')} in ${plural(report.fileCount, 'file')} checked`);
    if (report.fixableCount) summary.push(`  ${report.fixableCount} fixable with \`front-contacts fix\``);
    if (report.files.some((fr) => fr.findings.some((f) => REDIRECT_RULES.has(f.ruleId))))
      summary.push(`  See the redirects fail before Front migrates you: \`front-contacts simulate\` (${TEST_BEFORE_MIGRATION_URL})`);
  }
  return (blocks.length ? blocks.join('\n\n') + '\n\n' : '') + summary.join('\n') + '\n';
}
