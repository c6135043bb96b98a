// `// front-contacts-ignore-next-line [rule-id …]` comments.
import { ts } from './ts';
import { settle } from './reparse';
import type { Finding, InputProblem, RuleId } from './types';
import { RULE_IDS } from './types';
import { cachedLineStarts, offsetToPosition, toRange } from './positions';

interface Directive {
  line: number; // the line the directive applies to (1-based)
  rules?: Set<string>;
  start: number;
  end: number;
  used: boolean;
}


export function applySuppressions(sf: ts.SourceFile, findings: Finding[], reportUnused: boolean): { kept: Finding[]; problems: InputProblem[] } {
  const text = sf.text;
  if (!text.includes('front-contacts-ignore-next-line')) return { kept: findings, problems: [] };
  const starts = cachedLineStarts(sf, text);
  const directives: Directive[] = [];
  const problems: InputProblem[] = [];
  // Only real comments count (not strings, template literals or JSX text that mention the directive).
  const re = /front-contacts-ignore-next-line\b([^\n\r]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!inComment(sf, m.index)) continue;
    // report at the comment itself (`//` or `/*` before the directive on its line)
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const head = text.slice(lineStart, m.index);
    const open = Math.max(head.lastIndexOf('//'), head.lastIndexOf('/*'));
    const start = open >= 0 ? lineStart + open : m.index;
    // the directive's words end at the end of the comment (`*/`) or at `--` (a reason follows)
    const rest = m[1].split('*/')[0].split(/(^|\s)--/)[0];
    const end = m.index + 'front-contacts-ignore-next-line'.length + m[1].split('*/')[0].length;
    const ids = rest.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
    const endLine = offsetToPosition(starts, end).line;
    const unknown = ids.filter((id) => !(RULE_IDS as readonly string[]).includes(id));
    if (unknown.length)
      problems.push({ file: sf.fileName, message: `unknown rule id in front-contacts-ignore-next-line: ${unknown.join(', ')}`, range: toRange(starts, start, end) });
    directives.push({ line: endLine + 1, rules: ids.length ? new Set(ids) : undefined, start, end, used: false });
  }
  const kept = findings.filter((f) => {
    const d = directives.find((x) => x.line === f.range.start.line && (!x.rules || x.rules.has(f.ruleId)));
    if (d) {
      d.used = true;
      return false;
    }
    return true;
  });
  if (reportUnused)
    for (const d of directives)
      if (!d.used)
        problems.push({ file: sf.fileName, message: 'unused front-contacts-ignore-next-line directive (nothing to suppress on the next line)', range: toRange(starts, d.start, d.end) });
  return { kept, problems };
}

export type { RuleId };

/** Is `pos` inside a comment? It is when it lies in the trivia before a token, never inside a literal. */
function inComment(sf: ts.SourceFile, pos: number): boolean {
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
