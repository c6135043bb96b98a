// The edits behind an editor's "Ignore <rule> for this line" and "Ignore <rule> for this file" actions: insert
// (or extend) a directive that suppressions.ts honours. Pure: text in, TextEdits out.
import { ts, parse } from './ts';
import type { Finding, RuleId, Suggestion, TextEdit } from './types';
import { IGNORE_FILE, IGNORE_NEXT_LINE, directiveWords, inComment } from './suppressions';
import { lineIndexOf, lineStarts } from './positions';

/** What the two ignore actions do for one finding; `line` is missing where no comment can go above the line. */
export interface IgnoreActions {
  line?: Suggestion;
  file: Suggestion;
}

/** The ignore actions for each finding (same order). Parses the text once, or uses `sf` when given. */
export function ignoreActions(fileName: string, text: string, findings: ReadonlyArray<Pick<Finding, 'ruleId' | 'start'>>,
  sf: ts.SourceFile = parse(fileName, text)): IgnoreActions[] {
  const starts = lineStarts(text);
  return findings.map((f) => {
    const line = ignoreLineEdit(sf, starts, f.start, f.ruleId);
    return {
      ...(line ? { line: { title: `Ignore \`${f.ruleId}\` for this line`, edits: [line] } } : {}),
      file: { title: `Ignore \`${f.ruleId}\` for this file`, edits: [ignoreFileEdit(sf, f.ruleId)] },
    };
  });
}

/**
 * `// front-contacts-ignore-next-line <rule>` above the line `offset` is on, with that line's indentation; the
 * JSX comment form `{/* … *\/}` when the line starts among JSX children; the rule added to a directive already
 * there. Undefined when the line starts inside a string, template or comment (a comment there would be text).
 */
export function ignoreLineEdit(sf: ts.SourceFile, starts: readonly number[], offset: number, rule: RuleId): TextEdit | undefined {
  const text = sf.text;
  const lineIndex = lineIndexOf(starts, offset);
  const lineStart = starts[lineIndex];
  const indent = /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
  const first = lineStart + indent.length;
  // a directive on the line above: list this rule in it too
  if (lineIndex > 0) {
    const above = text.slice(starts[lineIndex - 1], lineStart);
    const at = above.indexOf(IGNORE_NEXT_LINE);
    if (at >= 0 && inComment(sf, starts[lineIndex - 1] + at)) {
      const w = directiveWords(text, starts[lineIndex - 1] + at, IGNORE_NEXT_LINE);
      if (w.ids.length === 0) return undefined; // it ignores every rule already
      return { file: sf.fileName, start: w.idsEnd, end: w.idsEnd, newText: ` ${rule}` };
    }
  }
  const where = lineContext(sf, first);
  if (where === 'text') return undefined;
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const comment = where === 'jsx' ? `{/* ${IGNORE_NEXT_LINE} ${rule} */}` : `// ${IGNORE_NEXT_LINE} ${rule}`;
  return { file: sf.fileName, start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` };
}

/**
 * `/* front-contacts-ignore-file <rule> *\/` near the top: after a BOM and a shebang, after a directive prologue
 * (`'use strict'`, `'use client'`) and after a header comment that stands apart (a licence, followed by a blank
 * line), but before the first statement and its own doc comment. The rule is added to such a directive already
 * in the file.
 */
export function ignoreFileEdit(sf: ts.SourceFile, rule: RuleId): TextEdit {
  const text = sf.text;
  const file = sf.fileName;
  for (let at = text.indexOf(IGNORE_FILE); at >= 0; at = text.indexOf(IGNORE_FILE, at + 1)) {
    if (!inComment(sf, at)) continue;
    const w = directiveWords(text, at, IGNORE_FILE);
    if (w.ids.length) return { file, start: w.idsEnd, end: w.idsEnd, newText: ` ${rule}` };
  }
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const directive = `/* ${IGNORE_FILE} ${rule} */`;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  if (text.startsWith('#!', at)) at = nextLineStart(text, at);
  const prologue = sf.statements.filter((s, i) => sf.statements.slice(0, i + 1).every(isPrologueDirective));
  if (prologue.length) {
    at = nextLineStart(text, prologue[prologue.length - 1].end);
  } else {
    // header comments: those followed by a blank line (a comment right above the first statement documents it)
    for (const c of ts.getLeadingCommentRanges(text, at) ?? []) {
      const after = text.slice(c.end, c.end + 4);
      if (/^[ \t]*(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)/.test(after)) at = nextLineStart(text, c.end);
    }
  }
  if (at >= text.length && text.length > 0 && !/[\n\r]$/.test(text)) return { file, start: text.length, end: text.length, newText: `${eol}${directive}${eol}` };
  return { file, start: at, end: at, newText: `${directive}${eol}` };
}

function isPrologueDirective(s: ts.Statement): boolean {
  return ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
}

function nextLineStart(text: string, from: number): number {
  const m = /\r\n|\n|\r/.exec(text.slice(from));
  return m ? from + m.index + m[0].length : text.length;
}

/**
 * What the first character of a line is part of: code (`//` comments work), JSX children (only `{/* *\/}`
 * does), or the inside of a literal or comment (nothing can be inserted without changing it).
 */
function lineContext(sf: ts.SourceFile, pos: number): 'code' | 'jsx' | 'text' {
  // the innermost node that contains pos
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (!next && c.pos <= pos && pos < c.end) next = c;
    });
    if (!next) break;
    if (pos < next.getStart(sf)) {
      // in the trivia before `next`: whitespace, or inside a comment that began on an earlier line
      return inCommentRange(sf.text, next.pos, pos) ? 'text' : contextOfStart(next, pos, sf);
    }
    node = next;
  }
  if (node.getStart(sf) < pos) {
    if (ts.isJsxText(node)) return 'jsx';
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isTemplateExpression(node) || ts.isRegularExpressionLiteral(node)) return 'text';
    // in a token we cannot see as a node (a keyword, a punctuation mark): a line never starts mid-token
  }
  return contextOfStart(node, pos, sf);
}

/** `node` starts at (or right after whitespace before) `pos`: JSX when the outermost node starting there is a JSX child. */
function contextOfStart(node: ts.Node, pos: number, sf: ts.SourceFile): 'code' | 'jsx' | 'text' {
  let n = node;
  while (n.parent && n.parent.getStart(sf) >= pos && n.parent.kind !== ts.SyntaxKind.SourceFile) n = n.parent;
  const p = n.parent;
  if (!p) return 'code';
  if ((ts.isJsxElement(p) || ts.isJsxFragment(p)) && n !== (ts.isJsxElement(p) ? p.openingElement : p.openingFragment)) return 'jsx';
  if (ts.isJsxText(n)) return 'jsx';
  return 'code';
}

function inCommentRange(text: string, triviaStart: number, pos: number): boolean {
  const ranges = [...(ts.getLeadingCommentRanges(text, triviaStart) ?? [])];
  return ranges.some((r) => r.pos < pos && pos < r.end);
}
