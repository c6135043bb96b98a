// `// front-contacts-ignore-next-line [rule-id …]` comments.
import { ts } from './ts';
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

const DIRECTIVE = /front-contacts-ignore-next-line\b([^\n\r*]*)/g;

export function applySuppressions(sf: ts.SourceFile, findings: Finding[], reportUnused: boolean): { kept: Finding[]; problems: InputProblem[] } {
  const text = sf.text;
  if (!text.includes('front-contacts-ignore-next-line')) return { kept: findings, problems: [] };
  const starts = cachedLineStarts(sf, text);
  const directives: Directive[] = [];
  const problems: InputProblem[] = [];
  // Only real comments count (not strings that mention the directive).
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, text);
  for (let tok = scanner.scan(); tok !== ts.SyntaxKind.EndOfFileToken; tok = scanner.scan()) {
    if (tok !== ts.SyntaxKind.SingleLineCommentTrivia && tok !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const comment = scanner.getTokenText();
    DIRECTIVE.lastIndex = 0;
    const m = DIRECTIVE.exec(comment);
    if (!m) continue;
    const start = scanner.getTokenPos();
    const end = scanner.getTextPos();
    const ids = m[1].split(/[\s,]+/).map((s) => s.trim()).filter((s) => s && !s.startsWith('--'));
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
