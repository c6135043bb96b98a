// Inline ignore directives, in comments:
//   `// front-contacts-ignore-next-line [rule-id …]`  the next line (all rules, or the ones listed)
//   `/* front-contacts-ignore-file [rule-id …] */`    the whole file, wherever it is written (conventionally at the top)
// A reason may follow ` -- `. Unknown ids are reported, and unused directives with reportUnused.
import { ts } from './ts';
import { settle } from './reparse';
import type { Finding, InputProblem, RuleId } from './types';
import { RULE_IDS } from './types';
import { cachedLineStarts, offsetToPosition, toRange } from './positions';

export const IGNORE_NEXT_LINE = 'front-contacts-ignore-next-line';
export const IGNORE_FILE = 'front-contacts-ignore-file';

interface Directive {
  kind: 'next-line' | 'file';
  /** The line a next-line directive applies to (1-based). */
  line: number;
  rules?: Set<string>;
  start: number;
  end: number;
  used: boolean;
}

export interface DirectiveWords {
  /** The rule ids listed (empty: every rule). */
  ids: string[];
  /** Offset just after the last id (or after the directive's name when none is listed). */
  idsEnd: number;
  // Offset where the directive's words end: the comment's end, or the end of the line.
  end: number;
}

// The words of the directive whose name starts at `at`: its ids end at the comment's end, at ` --` or at the end of the line.
export function directiveWords(text: string, at: number, name: string): DirectiveWords {
  const nameEnd = at + name.length;
  const lineEnd = text.slice(nameEnd).search(/[\n\r]|$/) + nameEnd;
  const line = text.slice(nameEnd, lineEnd);
  const words = line.split('*/')[0];
  const end = nameEnd + words.length;
  const ids = words.split(/(^|\s)--/)[0];
  const list = ids.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
  const idsEnd = nameEnd + ids.trimEnd().length;
  return { ids: list, idsEnd, end };
}

export function applySuppressions(sf: ts.SourceFile, findings: Finding[], reportUnused: boolean): { kept: Finding[]; problems: InputProblem[] } {
  const text = sf.text;
  if (!text.includes('front-contacts-ignore-')) return { kept: findings, problems: [] };
  const starts = cachedLineStarts(sf, text);
  const directives: Directive[] = [];
  const problems: InputProblem[] = [];
  // Only real comments count (not strings, template literals or JSX text that mention the directive).
  const re = /front-contacts-ignore-(next-line|file)\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!inComment(sf, m.index)) continue;
    const kind = m[1] === 'file' ? 'file' : 'next-line';
    const name = m[0];
    // report at the comment itself (`//` or `/*` before the directive on its line)
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const head = text.slice(lineStart, m.index);
    const open = Math.max(head.lastIndexOf('//'), head.lastIndexOf('/*'));
    const start = open >= 0 ? lineStart + open : m.index;
    const { ids, end } = directiveWords(text, m.index, name);
    const endLine = offsetToPosition(starts, end).line;
    const unknown = ids.filter((id) => !(RULE_IDS as readonly string[]).includes(id));
    if (unknown.length)
      problems.push({ file: sf.fileName, message: `unknown rule id in ${name}: ${unknown.join(', ')}`, range: toRange(starts, start, end) });
    directives.push({ kind, line: endLine + 1, rules: ids.length ? new Set(ids) : undefined, start, end, used: false });
  }
  const kept = findings.filter((f) => {
    const d = directives.find((x) => (x.kind === 'file' || x.line === f.range.start.line) && (!x.rules || x.rules.has(f.ruleId)));
    if (d) {
      d.used = true;
      return false;
    }
    return true;
  });
  if (reportUnused)
    for (const d of directives)
      if (!d.used)
        problems.push({
          file: sf.fileName,
          message: d.kind === 'file'
            ? `unused ${IGNORE_FILE} directive (nothing to suppress in this file)`
            : `unused ${IGNORE_NEXT_LINE} directive (nothing to suppress on the next line)`,
          range: toRange(starts, d.start, d.end),
        });
  return { kept, problems };
}

export type { RuleId };

/** Is `pos` inside a comment? It is when it lies in the trivia before a token, never inside a literal. */
export function inComment(sf: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (!next && c.pos <= pos && pos < c.end) next = c;
    });
    if (!next) break;
    if (node === sf) settle(next); // its inner positions are current (see reparse.ts)
    if (pos < next.getStart(sf)) return true; // in the leading trivia of `next`
    node = next;
  }
  return !(ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isTemplateExpression(node) ||
    ts.isJsxText(node) || ts.isRegularExpressionLiteral(node) || ts.isJsxAttribute(node));
}
