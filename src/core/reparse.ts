// Incremental reparse for the editor path, by top-level statement: only the statements an edit touches (with one
// unchanged statement on each side) are parsed again, as a text of their own, and spliced into the previous tree.
// The statements after an edit move; their own pos/end are updated at once, the nodes inside them only when
// something reads them (settle()), so an update costs the size of the edit, not the size of the file.
//
// Exactness: for a text without syntax errors the tree is the one a parse from scratch gives. A region is only
// accepted without errors when its parse gives back the unchanged statement on each side exactly (so the
// statements around it start and end where a full parse puts them); otherwise it is widened and parsed again,
// and in the end the whole file is parsed. A region whose parse has errors is accepted as it is (an edit that
// breaks the syntax is recovered from locally, not by re-nesting the rest of the file) and is remembered as
// "dirty": it is parsed again with the next edit, so the next error-free version is exact again.
import { ts, parse, parseErrors, scriptKindFor, PARSE_OPTIONS, type Hunk } from './ts';

/** Shift still to apply to the nodes inside a top-level statement (the statement's own pos/end are current). */
const pendingShift = new WeakMap<ts.Node, number>();

export function pendingOf(statement: ts.Node): number {
  return pendingShift.get(statement) ?? 0;
}

/** Brings the positions of the nodes inside a top-level statement up to date. */
export function settle(statement: ts.Node): void {
  const d = pendingShift.get(statement);
  if (d === undefined) return;
  pendingShift.delete(statement);
  if (d !== 0) shiftInside(statement, d);
}

export function settleAll(sf: ts.SourceFile): void {
  for (const st of sf.statements) settle(st);
}

/** The top-level statement a node belongs to (the node itself for a statement, undefined for the file). */
export function topStatementOf(node: ts.Node): ts.Node | undefined {
  let n = node;
  while (n.parent && n.parent.kind !== ts.SyntaxKind.SourceFile) n = n.parent;
  return n.parent ? n : undefined;
}

type Mutable = { pos: number; end: number };

/** Moves every node (and node array, and JSDoc) below `root` by `d`; `root` itself is not moved. */
function shiftInside(root: ts.Node, d: number): void {
  const stack: ts.Node[] = [];
  const push = (n: ts.Node): void => {
    stack.push(n);
  };
  const pushArray = (a: ts.NodeArray<ts.Node>): void => {
    (a as unknown as Mutable).pos += d;
    (a as unknown as Mutable).end += d;
    for (const c of a) stack.push(c);
  };
  const visitChildren = (n: ts.Node): void => {
    ts.forEachChild(n, push, pushArray);
    const docs = (n as { jsDoc?: ts.Node[] }).jsDoc;
    if (docs) for (const j of docs) stack.push(j);
  };
  visitChildren(root);
  while (stack.length) {
    const n = stack.pop()!;
    (n as Mutable).pos += d;
    (n as Mutable).end += d;
    visitChildren(n);
  }
}

function shiftTree(root: ts.Node, d: number): void {
  (root as Mutable).pos += d;
  (root as Mutable).end += d;
  shiftInside(root, d);
}

export interface Parsed {
  sf: ts.SourceFile;
  /** [start, end) pairs of text parsed with syntax errors since the last exact parse there: parsed again next time. */
  dirty: number[];
  /**
   * For a reparse: the previous tree's statements that were parsed again (not in the new tree) and the statements
   * that replace them; every other statement node moved into the new tree as it was. Undefined for a parse from scratch.
   */
  replaced?: { removed: ts.Statement[]; added: ts.Statement[] };
}

/** A parse from scratch; its syntax errors mark the places to parse again on the next edit. */
export function parseFull(fileName: string, text: string): Parsed {
  const sf = parse(fileName, text);
  const dirty: number[] = [];
  for (const d of parseErrors(sf)) dirty.push(d.start, d.start + d.length);
  return { sf, dirty };
}

interface Region {
  /** Old statement indexes [s, e], e >= s - 1 (empty when the file has no statements). */
  s: number;
  e: number;
  /** How many statements of margin were asked for on each side. */
  margin: number;
}

const MAX_MARGIN = 16;

/** The offset of the first token at or after `pos` (TypeScript's own, not in its public typings). */
const skipTrivia = (ts as unknown as { skipTrivia(text: string, pos: number): number }).skipTrivia;

/**
 * The new text's tree, from the previous tree (which must not be used afterwards: its statements move into the
 * new one) and the changed regions (old offsets). Falls back to a parse from scratch when it cannot be exact.
 */
export function reparse(previous: Parsed, text: string, hunks: readonly Hunk[]): Parsed {
  try {
    return splice(previous, text, hunks) ?? parseFull(previous.sf.fileName, text);
  } catch {
    return parseFull(previous.sf.fileName, text);
  }
}

function splice(previous: Parsed, text: string, hunks: readonly Hunk[]): Parsed | undefined {
  const old = previous.sf;
  const oldText = old.text;
  const stmts = old.statements;
  const n = stmts.length;
  if (n === 0) return undefined;
  // The regions are found by binary search and start at the end of the statement before: both need statements in
  // order. TypeScript's own recovery can give overlapping or repeated ones (broken JSX; a top-level `await` parsed
  // again, `/await /` in an object literal): stale statements were kept, also in the next text without errors.
  for (let k = 1; k < n; k++) if (stmts[k].pos < stmts[k - 1].end) return undefined;
  // Seeds: what changed, and what was parsed with errors last time. Each becomes the statements it touches.
  const seeds: number[] = [];
  for (const h of hunks) seeds.push(h.oldStart, h.oldEnd);
  seeds.push(...previous.dirty);
  let regions: Region[] = [];
  for (let i = 0; i < seeds.length; i += 2) {
    const a = seeds[i];
    const b = seeds[i + 1];
    let s = firstEndingAtOrAfter(stmts, a);
    if (s >= n) s = n - 1;
    // An error at a statement's first token (or in the trivia before it) may be the previous statement's: the
    // parser reports a missing `}` or an unexpected token where it stops, at the next statement's start
    // (`declare const w: { f(): void ;` then `export function`: "Property or signature expected" at `export`).
    // That statement is parsed again too; from the next one only, the error was lost (and its `;` looked final).
    if (i >= 2 * hunks.length && s > 0 && a <= skipTrivia(oldText, stmts[s].pos)) s--;
    let e = lastStartingAtOrBefore(stmts, b);
    if (e < s) e = s;
    // First only the statements touched (margin 0); with their neighbours (margin 1) when that cannot be exact.
    regions.push({ s, e, margin: 0 });
  }
  regions = merge(regions, n);
  const oldIndicator = (old as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator;
  const moduleFlag = oldIndicator !== undefined && oldIndicator !== false;
  const fileName = old.fileName;
  const kind = scriptKindFor(fileName);
  // A region starts where the statement before it ends, not at its first statement's pos: the two differ when the
  // parser skipped tokens between them (`export async` before a misspelled `function`, a stray `#!`), which then
  // belong to no statement. Those tokens, their "Declaration or statement expected" and any edit among them are
  // found (firstEndingAtOrAfter) at the statement after them, so they must be parsed again with it; starting at
  // its pos left them out: the old error was carried over and the statement lost the modifiers before it.
  const oldStartOf = (r: Region): number => (r.s === 0 ? 0 : stmts[r.s - 1].end);
  const oldEndOf = (r: Region): number => (r.e === n - 1 ? oldText.length : stmts[r.e].end);
  /** The change in length from the hunks that start before `o` (old offset), inclusive when asked. */
  const deltaBefore = (o: number, inclusive: boolean): number => {
    let d = 0;
    for (const h of hunks) if (h.oldStart < o || (inclusive && h.oldStart === o)) d += h.newEnd - h.newStart - (h.oldEnd - h.oldStart);
    return d;
  };
  interface Done {
    r: Region;
    newStart: number;
    newEnd: number;
    sf: ts.SourceFile;
    errors: boolean;
    /** Parsed with errors and cut off at its end (an unclosed brace, template or comment). */
    truncated: boolean;
  }
  const done: Done[] = [];
  const pending = regions;
  /** Replaces the first pending region `r` by `r` with `m` statements on each side, merged with the regions it reaches (parsed ones included). */
  const widen = (r: Region, m: number): void => {
    let w: Region = { s: Math.max(0, r.s - m), e: Math.min(n - 1, r.e + m), margin: m };
    while (done.length && w.s <= done[done.length - 1].r.e + 1) {
      const d = done.pop()!;
      w = { s: Math.min(neighbours(d.r, n).s, w.s), e: w.e, margin: m };
    }
    pending.shift();
    const merged = merge([w, ...pending], n);
    pending.length = 0;
    pending.push(...merged);
  };
  let rounds = 0;
  while (pending.length) {
    if (++rounds > 1000) return undefined; // cannot happen (each widening grows a margin); never loop
    const r = pending[0];
    const oldStart = oldStartOf(r);
    const oldEnd = oldEndOf(r);
    const newStart = oldStart + deltaBefore(oldStart, false);
    const newEnd = oldEnd + deltaBefore(oldEnd, r.e === n - 1);
    const part = text.slice(newStart, newEnd);
    if (newStart > 0 && (part.startsWith('#!') || leadingTrivia(part).includes('///'))) return undefined; // file-header syntax
    // A `/** */` on the line where the statement before ends (`});/** doc */`) is that line's trailing comment, not
    // the JSDoc of the statement after it; at offset 0 of a text of its own the parser takes it as JSDoc. Rare: parse
    // the whole file then.
    if (newStart > 0 && sameLineTrivia(part).includes('/**')) return undefined;
    const sf = ts.createSourceFile(fileName, part, {
      ...PARSE_OPTIONS,
      setExternalModuleIndicator: (f: ts.SourceFile) => {
        (f as { externalModuleIndicator?: unknown }).externalModuleIndicator = moduleFlag ? true : undefined;
      },
    }, true, kind);
    const rs = sf.statements;
    const errs = parseErrors(sf);
    const errors = errs.length > 0;
    // The unchanged statement on each side must come back as it was (start and end where a full parse has them).
    const before = stmts[r.s];
    const after = stmts[r.e];
    const beforeOk = r.s === 0 || (rs.length > 0 && rs[0].end === before.end - oldStart && rs[0].kind === before.kind);
    const last = rs[rs.length - 1];
    const afterOk = r.e === n - 1 || (rs.length > 0 && last.end === part.length && last.pos === part.length - (after.end - after.pos) &&
      last.kind === after.kind && errs.every((d) => d.start < last.pos));
    if (r.margin === 0) {
      // Exact without its neighbours when it parses without errors into statements that end where the region does,
      // after a statement nothing can continue, and the last of which nothing can continue either.
      if (!errors && rs.length > 0 && (r.s === 0 || closes(stmts[r.s - 1], oldText)) &&
        (r.e === n - 1 || (last.end === part.length && closes(last, part)))) {
        done.push({ r, newStart, newEnd, sf, errors, truncated: false });
        pending.shift();
        continue;
      }
      widen(r, 1);
      continue;
    }
    if (errors ? afterOk : beforeOk && afterOk) {
      // A region with errors after one cut off may be what closes it: only a parse of everything in between can tell.
      if (errors && done.some((d) => d.truncated)) return undefined;
      done.push({ r, newStart, newEnd, sf, errors, truncated: false });
      pending.shift();
      continue;
    }
    if (r.margin < MAX_MARGIN && (r.e - r.s) * 3 < n) {
      // Widen and parse again, merged with the regions it reaches (parsed ones included).
      widen(r, r.margin * 2 + 1);
      continue;
    }
    if (!errors) return undefined;
    done.push({ r, newStart, newEnd, sf, errors, truncated: true });
    pending.shift();
  }
  // Splice: statements before, between and after the regions keep their nodes and move.
  const nsf = Object.assign(Object.create(Object.getPrototypeOf(old)), old) as Record<string, unknown>;
  const out: ts.Statement[] = [];
  const diags: ts.DiagnosticWithLocation[] = [];
  const directives: Array<{ range: ts.TextRange; type: number }> = [];
  const oldDirectives = ((old as unknown as { commentDirectives?: Array<{ range: ts.TextRange; type: number }> }).commentDirectives ?? []);
  const keepOld = (from: number, to: number, d: number): void => {
    // statements [from, to) and what the old file says about the text they cover, moved by d
    for (let k = from; k < to; k++) {
      const st = stmts[k];
      if (d !== 0) {
        (st as unknown as Mutable).pos += d;
        (st as unknown as Mutable).end += d;
        pendingShift.set(st, (pendingShift.get(st) ?? 0) + d);
      }
      (st as { parent: unknown }).parent = nsf;
      out.push(st);
    }
  };
  const oldOutside = (lo: number, hi: number, d: number): void => {
    for (const x of parseErrors(old)) if (x.start >= lo && x.start < hi) diags.push({ ...x, start: x.start + d, file: nsf as unknown as ts.SourceFile });
    for (const c of oldDirectives) if (c.range.pos >= lo && c.range.pos < hi) directives.push({ type: c.type, range: { pos: c.range.pos + d, end: c.range.end + d } });
  };
  let next = 0;
  let delta = 0;
  let lastOldEnd = 0;
  const dirty: number[] = [];
  let flags = 0;
  let transformFlags = 0;
  let eof: ts.Node | undefined;
  const removed: ts.Statement[] = [];
  const added: ts.Statement[] = [];
  for (const d of done) {
    // Before keepOld: the region starts (old offset) at the end of the statement before it, which keepOld moves by
    // the length change of the regions before. Read after it, the old errors and comment directives in the first
    // `delta` characters of the region were kept as well as parsed again (a stale "'#!' can only be used at the
    // start of a file" after the `#!` was deleted), or those just before it dropped when `delta` was negative.
    const oldStart = oldStartOf(d.r);
    keepOld(next, d.r.s, delta);
    for (let k = d.r.s; k <= d.r.e; k++) removed.push(stmts[k]);
    oldOutside(lastOldEnd, oldStart, delta);
    for (const st of d.sf.statements) {
      (st as unknown as Mutable).pos += d.newStart;
      (st as unknown as Mutable).end += d.newStart;
      pendingShift.set(st, d.newStart);
      (st as { parent: unknown }).parent = nsf;
      out.push(st);
      added.push(st);
    }
    for (const x of parseErrors(d.sf)) diags.push({ ...x, start: x.start + d.newStart, file: nsf as unknown as ts.SourceFile });
    for (const c of ((d.sf as unknown as { commentDirectives?: Array<{ range: ts.TextRange; type: number }> }).commentDirectives ?? []))
      directives.push({ type: c.type, range: { pos: c.range.pos + d.newStart, end: c.range.end + d.newStart } });
    if (d.errors) dirty.push(d.newStart, d.newEnd);
    flags |= d.sf.flags;
    transformFlags |= (d.sf as unknown as { transformFlags: number }).transformFlags;
    if (d.r.s === 0) {
      for (const k of ['pragmas', 'referencedFiles', 'typeReferenceDirectives', 'libReferenceDirectives', 'amdDependencies', 'moduleName', 'checkJsDirective', 'hasNoDefaultLib'])
        nsf[k] = (d.sf as unknown as Record<string, unknown>)[k];
    }
    if (d.r.e === n - 1) {
      eof = d.sf.endOfFileToken as ts.Node;
      shiftTree(eof, d.newStart);
    }
    next = d.r.e + 1;
    lastOldEnd = d.r.e === n - 1 ? Number.POSITIVE_INFINITY : oldEndOf(d.r);
    delta = d.newEnd - oldEndOf(d.r);
  }
  keepOld(next, n, delta);
  oldOutside(lastOldEnd, Number.POSITIVE_INFINITY, delta);
  if (!eof) {
    eof = old.endOfFileToken as ts.Node;
    shiftTree(eof, delta);
  }
  (eof as { parent: unknown }).parent = nsf;
  const statements = ts.factory.createNodeArray(out, stmts.hasTrailingComma);
  (statements as unknown as Mutable).pos = stmts.pos;
  (statements as unknown as Mutable).end = out.length ? out[out.length - 1].end : eof!.pos;
  nsf.statements = statements;
  nsf.endOfFileToken = eof;
  nsf.text = text;
  nsf.end = text.length;
  diags.sort((a, b) => a.start - b.start);
  nsf.parseDiagnostics = diags;
  nsf.commentDirectives = directives;
  nsf.lineMap = undefined;
  nsf.namedDeclarations = undefined;
  nsf.jsDocDiagnostics = undefined;
  nsf.bindDiagnostics = [];
  nsf.flags = old.flags | (flags & ~ts.NodeFlags.Synthesized);
  nsf.transformFlags = (old as unknown as { transformFlags: number }).transformFlags | transformFlags;
  const result = nsf as unknown as ts.SourceFile;
  const indicator = (ts as unknown as { isFileProbablyExternalModule(f: ts.SourceFile): ts.Node | undefined }).isFileProbablyExternalModule(result);
  if (!!indicator !== moduleFlag) return undefined; // module or script changed: top-level `await` may parse differently
  nsf.externalModuleIndicator = indicator;
  return { sf: result, dirty, replaced: { removed, added } };
}

/**
 * True when no text after the statement can continue it: it ends with `;`, or it is a function, class, interface
 * or enum declaration ending with its body's `}`. (`text`: the text the statement's offsets are in.)
 */
function closes(st: ts.Statement, text: string): boolean {
  const c = text.charCodeAt(st.end - 1);
  if (c === 59) return true; // ;
  if (c !== 125) return false; // }
  switch (st.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
      return (st as ts.FunctionDeclaration).body !== undefined;
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
      return true;
    default:
      return false;
  }
}

/** A region that ends on unchanged neighbours: a margin-0 region (touched statements only) with one on each side. */
function neighbours(r: Region, n: number): Region {
  return r.margin > 0 ? r : { s: Math.max(0, r.s - 1), e: Math.min(n - 1, r.e + 1), margin: 1 };
}

/**
 * Overlapping or adjacent regions as one. Margin-0 regions merge as such; merged with a wider one, a margin-0
 * region brings its neighbours (a region with a margin is checked by the unchanged statements at its ends).
 */
function merge(regions: Region[], n: number): Region[] {
  const out: Region[] = [];
  let pending = [...regions].sort((a, b) => a.s - b.s);
  for (;;) {
    out.length = 0;
    let grew = false;
    for (const r of pending) {
      const last = out[out.length - 1];
      if (last && r.s <= last.e + 1) {
        if (last.margin === 0 && r.margin === 0) {
          out[out.length - 1] = { s: last.s, e: Math.max(last.e, r.e), margin: 0 };
          continue;
        }
        const a = neighbours(last, n);
        const b = neighbours(r, n);
        if (a !== last || b !== r) grew = true;
        out[out.length - 1] = { s: Math.min(a.s, b.s), e: Math.max(a.e, b.e), margin: Math.max(a.margin, b.margin) };
      } else out.push({ ...r });
    }
    if (!grew) return out;
    pending = [...out].sort((a, b) => a.s - b.s); // a region that grew may reach the one before it
  }
}

/** Index of the first statement whose end is >= o (statements.length when none). */
function firstEndingAtOrAfter(stmts: ts.NodeArray<ts.Statement>, o: number): number {
  let lo = 0;
  let hi = stmts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stmts[mid].end >= o) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last statement whose pos is <= o (-1 when none). */
function lastStartingAtOrBefore(stmts: ts.NodeArray<ts.Statement>, o: number): number {
  let lo = -1;
  let hi = stmts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stmts[mid].pos <= o) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The comments and spaces at the start of `text` before its first line break (outside comments). */
function sameLineTrivia(text: string): string {
  const m = /^(?:[^\S\r\n]+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/.exec(text);
  return m ? m[0] : '';
}

function leadingTrivia(text: string): string {
  const m = /^(?:\s+|\/\/[^\n\r]*|\/\*[\s\S]*?\*\/)*/.exec(text);
  return m ? m[0] : '';
}
