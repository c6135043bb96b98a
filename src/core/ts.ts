// The TypeScript compiler as shipped by ts-morph. The engine only uses the parser (no type checker):
// parsing is what every rule needs and it is fast enough to run on every keystroke.
import { ts as tsMorphTs } from 'ts-morph';
// An import alias, not a re-export: in bundled code ts-morph's `ts` is a getter on its module object, and the
// engine reads `ts.isX` / `ts.SyntaxKind` hundreds of thousands of times per file. Bound once here.
export import ts = tsMorphTs;

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const m = /\.([cm]?[jt]sx?)$/i.exec(fileName);
  switch (m?.[1].toLowerCase()) {
    case 'tsx':
      return ts.ScriptKind.TSX;
    case 'jsx':
      return ts.ScriptKind.JSX;
    case 'js':
    case 'cjs':
    case 'mjs':
      // JSX is legal in many .js files (React projects); TS parses .js with JSX enabled.
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

/**
 * No rule reads JSDoc (`/** @type … *\/`): the parser skips building its nodes, ~10% of a parse with a cold JIT.
 * Positions, statements and expressions are the same either way.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** Every node of a tree parse() made, in pre-order (the order FileContext.nodes() lists them in). */
const preorders = new WeakMap<ts.SourceFile, ts.Node[]>();

/**
 * Every node below and including `root`, in pre-order, by one walk with an explicit stack (deeply nested code
 * cannot exhaust the call stack). `setParents`: the walk also sets each child's parent pointer.
 */
export function preorder(root: ts.Node, setParents = false): ts.Node[] {
  const out: ts.Node[] = [];
  const stack: ts.Node[] = [root];
  const kids: ts.Node[] = [];
  let parent: ts.Node = root;
  const child = setParents
    ? (c: ts.Node): void => {
      (c as { parent: ts.Node }).parent = parent;
      kids.push(c);
    }
    : (c: ts.Node): void => {
      kids.push(c);
    };
  const children = (arr: ts.NodeArray<ts.Node>): void => {
    for (const c of arr) child(c);
  };
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    kids.length = 0;
    parent = n;
    ts.forEachChild(n, child, children);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/**
 * The file's tree with parent pointers. They are set by the pre-order walk that also lists the nodes, instead of by
 * TypeScript's own pass over the tree (`setParentNodes`): the engine walks every file it analyses this way anyway
 * (FileContext.nodes() takes the list), so one walk does both.
 */
export function parse(fileName: string, text: string): ts.SourceFile {
  const sf = ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindFor(fileName));
  preorders.set(sf, preorder(sf, true));
  return sf;
}

/** The pre-order list of a tree parse() made and nothing has changed since (a re-parse in place has none). */
export function preorderOf(sf: ts.SourceFile): ts.Node[] | undefined {
  return preorders.get(sf);
}

/** One changed region: old text [oldStart, oldEnd) became new text [newStart, newEnd). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

const ANCHOR = 32;
const CHUNK = 2048;
const MAX_HUNK = 16;

/**
 * The regions that differ between two versions of a text: one, or two when the middle of the changed span
 * is the same text shifted by a few characters (two separate small edits, or an edit and its undo elsewhere).
 * Everything outside the hunks is identical, in the same order.
 */
export function diffHunks(old: string, text: string, common?: { prefix: number; suffix: number }): Hunk[] {
  const max = Math.min(old.length, text.length);
  // `common`: a prefix and suffix known to be the same in both texts (from earlier diffs): not compared again.
  let start = common ? Math.min(common.prefix, max) : 0;
  // Whole chunks first (one native string comparison each), then characters: the common prefix and suffix of a big file
  // are found in a fraction of a character-by-character scan.
  while (start + CHUNK <= max && old.substring(start, start + CHUNK) === text.substring(start, start + CHUNK)) start += CHUNK;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  if (common) {
    const known = Math.max(0, Math.min(common.suffix, old.length - start, text.length - start));
    oldEnd -= known;
    newEnd -= known;
  }
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && old.substring(oldEnd - CHUNK, oldEnd) === text.substring(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (start === oldEnd && start === newEnd) return [];
  const one: Hunk[] = [{ oldStart: start, oldEnd, newStart: start, newEnd }];
  if (oldEnd - start <= MAX_HUNK + ANCHOR || newEnd - start <= MAX_HUNK + ANCHOR) return one;
  // A short first hunk followed by a long identical middle?
  for (let size = 0; size <= 2 * MAX_HUNK; size++) {
    for (let i = Math.max(0, size - MAX_HUNK); i <= Math.min(size, MAX_HUNK); i++) {
      const j = size - i;
      if (size === 0) continue;
      if (old.substr(start + i, ANCHOR) !== text.substr(start + j, ANCHOR)) continue;
      let k = ANCHOR;
      while (start + i + k + CHUNK <= oldEnd && start + j + k + CHUNK <= newEnd &&
        old.substring(start + i + k, start + i + k + CHUNK) === text.substring(start + j + k, start + j + k + CHUNK)) k += CHUNK;
      while (start + i + k < oldEnd && start + j + k < newEnd && old.charCodeAt(start + i + k) === text.charCodeAt(start + j + k)) k++;
      return [
        { oldStart: start, oldEnd: start + i, newStart: start, newEnd: start + j },
        { oldStart: start + i + k, oldEnd, newStart: start + j + k, newEnd },
      ];
    }
  }
  return one;
}

/** Where an offset of the old text is in the new text; undefined when it touches a changed region. */
export function mapOffset(o: number, hunks: readonly Hunk[]): number | undefined {
  let delta = 0;
  for (const h of hunks) {
    if (o < h.oldStart) return o + delta;
    if (o <= h.oldEnd) return undefined;
    delta = h.newEnd - h.oldEnd;
  }
  return o + delta;
}

/** Where an offset of the new text was in the old text; undefined when it touches a changed region (mapOffset's inverse). */
export function unmapOffset(o: number, hunks: readonly Hunk[]): number | undefined {
  let delta = 0;
  for (const h of hunks) {
    if (o < h.newStart) return o + delta;
    if (o <= h.newEnd) return undefined;
    delta = h.oldEnd - h.newEnd;
  }
  return o + delta;
}

/** True when no changed region touches old text [a, b] (its text is then the same, at mapOffset(a)). */
export function rangeUnchanged(a: number, b: number, hunks: readonly Hunk[]): boolean {
  for (const h of hunks) if (h.oldStart <= b && a <= h.oldEnd) return false;
  return true;
}

/** Syntax errors the parser recorded (TypeScript keeps them on an internal field). */
export function parseErrors(sf: ts.SourceFile): ts.DiagnosticWithLocation[] {
  return ((sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []);
}

/** Skips parentheses and type-only wrappers: `(x as const)`, `x!`, `<T>x`, `x satisfies T`. */
export function skipOuter(node: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    // `(0, x_1.fn)(…)`: how tsc and babel call an imported function (without a `this`); the value is `x_1.fn`
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(node.left)) node = node.right;
    else return node;
  }
}

export function propertyNameText(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ||
    ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = skipOuter(name.expression);
    if (ts.isStringLiteralLike(e)) return e.text;
  }
  return undefined;
}
