// One parsed file and the name resolution the engine needs on it: scopes, imports, exports.
// No type checker: resolution is syntactic, and whatever cannot be resolved becomes a hole.
import { ts, diffHunks, skipOuter, propertyNameText, preorder, preorderOf, type Hunk } from './ts';
import { knownLineStarts, lineStartsAfterEdit, setLineStarts } from './positions';
import { reparse, parseFull, settle, settleAll, pendingOf, topStatementOf } from './reparse';
import type { AnalyzeOptions, SourceHost } from './types';
import { frontHostsOf, isPublicBuildVariable, mightNameFront } from './prefilter';
import { usesFrontFrom } from './import-evidence';
import { isRuntimeModule } from './runtime-module';

export type Decl =
  /** `omit`: a rest element's binding (`const { a, ...rest } = init`): the object at `path` without those keys. */
  | { kind: 'var'; ctx: FileContext; node: ts.VariableDeclaration | ts.BindingElement; init?: ts.Expression; path: string[]; stable: boolean; name: string; omit?: string[] }
  | { kind: 'param'; ctx: FileContext; node: ts.ParameterDeclaration | ts.BindingElement; name: string }
  | { kind: 'function'; ctx: FileContext; node: ts.FunctionDeclaration; name: string }
  | { kind: 'class'; ctx: FileContext; node: ts.ClassDeclaration; name: string }
  | { kind: 'import'; ctx: FileContext; node: ts.Node; module: string; imported: string; name: string }
  | { kind: 'type'; ctx: FileContext; node: ts.TypeAliasDeclaration; name: string };

/** Where a name or an export ends up: an expression (with a property path still to apply), a function, a module. */
export type Target =
  | { kind: 'expr'; ctx: FileContext; expr: ts.Expression; path: string[] }
  | { kind: 'function'; ctx: FileContext; node: ts.FunctionLikeDeclaration }
  | { kind: 'class'; ctx: FileContext; node: ts.ClassDeclaration }
  | { kind: 'module'; ctx: FileContext }
  | { kind: 'package'; module: string; imported: string; path: string[]; ctx: FileContext; node: ts.Node }
  | { kind: 'param'; ctx: FileContext; decl: Decl & { kind: 'param' }; path: string[] };

/** Hosts of Front's Core API (not app., chat-assets., dev. or help.frontapp.com). */
export const CORE_API_HOST = /(?:^|[/.@])(?:api2?|[a-z0-9-]+\.api)\.frontapp\.com(?![a-z0-9-])/i;
// Names that say "Front's API", as snake_case words. Deliberately not FRONT_URL / frontBaseUrl / frontClient /
// FRONT_CHAT_ID: in many apps those name the app's own front end or the chat widget.
const FRONT_API_NAME = /(?:^|_)front_?(?:api|token|api_?key|api_?token)(?:_|$)/;

/** FRONT_API_TOKEN, frontApiKey, `env('FRONT_API_URL')`; not a browser build variable (VITE_FRONT_API_URL: the app's own API). */
function namesFrontApi(name: string): boolean {
  return FRONT_API_NAME.test(words(name)) && !isPublicBuildVariable(name);
}

/** `frontApiToken` / `FRONT_API_TOKEN` → `front_api_token`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase();
}

// ---------------------------------------------------------------- recording (incremental analysis)
//
// analyze() analyses a file one top-level statement at a time and keeps each statement's findings for the
// next version of the text. A statement's findings may be reused only if everything its analysis read outside
// the statement is unchanged. Those reads go through a few methods here, which note them on the recording
// of the statement being analysed:
//  - facts: values computed from the whole file (a name's top-level declaration, "is it reassigned", "does
//    the file name Front's API", regex tests on the text, where an import is inserted), re-computed and
//    compared on the new version;
//  - imports: each (file, specifier) resolved through the host, with the text it read;
//  - global: the analysis scanned the whole file some other way; the statement is then never reused.

/** A fact's value; `ranges` are [start, end] pairs of old-text offsets that must be unchanged and map to the new value's. */
export interface FactValue {
  data: string | number | boolean | null;
  ranges?: number[];
}
export interface ImportFact {
  from: string;
  spec: string;
  value: string;
}
interface Frame {
  kind: 'record' | 'capture' | 'sink';
  imports: ImportFact[];
  global: boolean;
}
export class Recording implements Frame {
  readonly kind = 'record';
  readonly imports: ImportFact[] = [];
  readonly facts = new Map<string, FactValue>();
  global = false;
  constructor(readonly ctx: FileContext) {}
}
const frames: Frame[] = [];

function inFrame<T>(f: Frame, fn: () => T): T {
  frames.push(f);
  try {
    return fn();
  } finally {
    frames.pop();
  }
}

/** Runs `fn` with reads of `rec.ctx` noted on `rec`. */
export function recording<T>(rec: Recording, fn: () => T): T {
  return inFrame(rec, fn);
}

/** The frame to note a read of `ctx` on: the statement's recording, or a memo being computed (then global for main-file reads). */
function frameFor(ctx: FileContext): Recording | Frame | undefined {
  const top = frames[frames.length - 1];
  if (!top || top.kind === 'sink') return undefined;
  if (top.kind === 'record') return (top as Recording).ctx === ctx ? top : undefined;
  const base = frames[0];
  if (base && base.kind === 'record' && (base as Recording).ctx === ctx) top.global = true;
  return undefined;
}

function noteImport(fact: ImportFact): void {
  const top = frames[frames.length - 1];
  if (top && top.kind !== 'sink') top.imports.push(fact);
}

/** Computes a memoised value with its import reads captured, so they are noted again each time it is reused. */
function captured<T>(fn: () => T): { value: T; imports: ImportFact[]; global: boolean } {
  const f: Frame = { kind: 'capture', imports: [], global: false };
  const value = inFrame(f, fn);
  replay(f.imports, f.global);
  return { value, imports: f.imports, global: f.global };
}

function replay(imports: ImportFact[], global: boolean): void {
  const top = frames[frames.length - 1];
  if (!top || top.kind === 'sink') return;
  for (const i of imports) top.imports.push(i);
  if (global) top.global = true;
}

const SINK: Frame = { kind: 'sink', imports: [], global: false };

/** Whole-file values by kind, each a function of the file (and, for `evidence`, of the files it imports). */
const FACTS = new Map<string, (ctx: FileContext, arg: string) => FactValue>([
  ['re', (ctx, arg) => {
    const i = arg.indexOf(':');
    return { data: new RegExp(arg.slice(i + 1), arg.slice(0, i)).test(ctx.text) };
  }],
  // `needs\0flags:source`: false without a regex scan when the text lacks one of the words every match contains
  ['reNeeds', (ctx, arg) => {
    const z = arg.indexOf('\0');
    if (!arg.slice(0, z).split('\u0001').every((w) => ctx.hasWord(w))) return { data: false };
    const i = arg.indexOf(':', z);
    return { data: new RegExp(arg.slice(i + 1), arg.slice(z + 1, i)).test(ctx.text) };
  }],
  ['top', (ctx, name) => ctx.topLevelDecl(name)],
  ['reassigned', (ctx, name) => ({ data: ctx.isReassigned(name) })],
  ['evidence', (ctx) => ({ data: ctx.hasFrontEvidence() })],
  // the top-level statements holding calls (or `new`) of a name: where callers of a function are looked for
  ['calls', (ctx, name) => statementsHolding(ctx, ctx.callsNamed(name))],
  // the top-level statements holding assignments to a name: what a reassigned variable stands for
  ['assigns', (ctx, name) => statementsHolding(ctx, ctx.assignmentsNamed(name))],
]);

/** A fact: the top-level statements that hold these nodes (their ranges), and how many. */
function statementsHolding(ctx: FileContext, nodes: readonly ts.Node[]): FactValue {
  const ranges: number[] = [];
  let last: ts.Node | undefined;
  for (const c of nodes) {
    let st: ts.Node = c;
    while (st.parent && st.parent !== ctx.sf) st = st.parent;
    if (st !== last) ranges.push(st.pos, st.end);
    last = st;
  }
  return { data: ranges.length / 2, ranges };
}

/** Adds a kind of fact (rules that read the whole file for a fix define theirs). */
export function defineFact(kind: string, compute: (ctx: FileContext, arg: string) => FactValue): void {
  FACTS.set(kind, compute);
}

/** The ImportFact spec that stands for "the files that import `from`" (see Project.importersOf). */
export const IMPORTERS_SPEC = '\0importers';

/** What one import resolves to through the host, as a comparable string (see Project.importedFile). */
export function importValue(host: SourceHost | undefined, from: string, spec: string): string {
  if (!host) return '';
  if (spec === IMPORTERS_SPEC) return importersValue(host, from);
  try {
    const target = isRuntimeModule(spec) ? undefined : host.resolveImport(from, spec);
    if (!target) return '';
    const text = host.readFile(target);
    return text === undefined ? `${target}\0` : `${target}\0\u0001${text}`;
  } catch {
    return '\u0002';
  }
}

/** The last value built per host and file, with the texts it was built from (compared by identity: hosts cache texts). */
const importersValues = new WeakMap<SourceHost, Map<string, { names: string[]; texts: Array<string | undefined>; value: string }>>();

/** The importers of a file and their texts, as a comparable string. */
function importersValue(host: SourceHost, from: string): string {
  try {
    const names = (host.importers?.(from) ?? []).slice(0, MAX_IMPORTERS);
    const texts = names.map((n) => host.readFile(n));
    let byFile = importersValues.get(host);
    if (!byFile) importersValues.set(host, (byFile = new Map()));
    const last = byFile.get(from);
    if (last && last.names.length === names.length && last.names.every((n, i) => n === names[i] && last.texts[i] === texts[i])) return last.value;
    const value = names.map((n, i) => `${n}\0${texts[i] ?? ''}`).join('\u0001');
    byFile.set(from, { names, texts, value });
    return value;
  } catch {
    return '\u0002';
  }
}

/** Importers looked at for callers of a function: a widely imported module is not searched in full. */
const MAX_IMPORTERS = 24;

const MAX_CACHED_FILES = 150;

export class Project {
  private readonly files = new Map<string, FileContext>();
  /** Bumped by each analyze(): what a file derived from other files is recomputed once per run. */
  run = 0;
  /** Per top-level statement node (kept across versions of a file): names it assigns, whether it names Front's API. */
  readonly statementInfo = new WeakMap<ts.Node, StatementInfo>();
  /** Per top-level statement node: the names it declares at top level. */
  readonly statementNames = new WeakMap<ts.Node, readonly string[]>();
  constructor(readonly options: AnalyzeOptions) {}
  get host(): SourceHost | undefined {
    return this.options.host;
  }
  file(fileName: string, text: string): FileContext {
    const cached = this.files.get(fileName);
    if (cached && cached.text === text) return cached;
    // An edited version of a file we parsed (the editor, on every keystroke): reparse incrementally.
    const fc = new FileContext(this, fileName, text, cached);
    this.files.delete(fileName);
    this.files.set(fileName, fc);
    // Bounded memory on big repositories: forget the least recently added files (they are re-parsed if needed).
    if (this.files.size > MAX_CACHED_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest !== undefined && oldest !== fileName) this.files.delete(oldest);
    }
    return fc;
  }
  /**
   * The project files that import `of`, with their texts (at most MAX_IMPORTERS; none without a host that knows
   * them). Noted as one import fact, so a per-statement result that used them is redone when one changes.
   */
  importerTexts(of: FileContext): Array<{ name: string; text: string }> {
    const host = this.host;
    if (!host?.importers) return [];
    // Once per run and file: building the value (every importer's text) is the costly part.
    if (this.importersRun !== this.run) {
      this.importersRun = this.run;
      this.importersMemo.clear();
    }
    const memo = this.importersMemo.get(of.fileName);
    if (memo) {
      noteImport({ from: of.fileName, spec: IMPORTERS_SPEC, value: memo.value });
      return memo.files;
    }
    const out: Array<{ name: string; text: string }> = [];
    let value = '\u0002';
    try {
      for (const name of host.importers(of.fileName).slice(0, MAX_IMPORTERS)) {
        if (name === of.fileName) continue;
        const text = host.readFile(name);
        if (text !== undefined) out.push({ name, text });
      }
      value = importersValue(host, of.fileName);
    } catch {
      // an unreadable importer: the callers found so far
    }
    noteImport({ from: of.fileName, spec: IMPORTERS_SPEC, value });
    this.importersMemo.set(of.fileName, { files: out, value });
    return out;
  }

  /** The importers of `of` whose text passes `mentions` (a cheap test before parsing), parsed. */
  importersOf(of: FileContext, mentions?: (text: string) => boolean): FileContext[] {
    const out: FileContext[] = [];
    for (const { name, text } of this.importerTexts(of)) {
      if (mentions && !mentions(text)) continue;
      const cached = this.files.get(name);
      out.push(cached && cached.text === text ? cached : this.file(name, text));
    }
    return out;
  }

  /** The text of the file an import specifier refers to, without parsing it (noted like importedFile). */
  importedText(from: string, specifier: string): { name: string; text: string } | undefined {
    const host = this.host;
    if (!host) return undefined;
    let value = '\u0002';
    try {
      const target = isRuntimeModule(specifier) ? undefined : host.resolveImport(from, specifier);
      value = '';
      if (!target) return undefined;
      const text = host.readFile(target);
      value = text === undefined ? `${target}\0` : `${target}\0\u0001${text}`;
      return text === undefined ? undefined : { name: target, text };
    } catch {
      return undefined;
    } finally {
      noteImport({ from, spec: specifier, value });
    }
  }

  /** A file read through the host, parsed (cached). */
  parsed(name: string, text: string): FileContext {
    const cached = this.files.get(name);
    return cached && cached.text === text ? cached : this.file(name, text);
  }
  private importersRun = -1;
  private readonly importersMemo = new Map<string, { files: Array<{ name: string; text: string }>; value: string }>();

  /** The file an import specifier refers to, parsed; undefined for packages and unreadable files. */
  importedFile(from: FileContext, specifier: string): FileContext | undefined {
    const host = this.host;
    if (!host) return undefined;
    let target: string | undefined;
    let value = '\u0002';
    try {
      target = isRuntimeModule(specifier) ? undefined : host.resolveImport(from.fileName, specifier);
      value = '';
      if (!target) return undefined;
      const cached = this.files.get(target);
      const text = host.readFile(target);
      value = text === undefined ? `${target}\0` : `${target}\0\u0001${text}`;
      if (text === undefined) return undefined;
      if (cached && cached.text === text) return cached;
      return this.file(target, text);
    } catch {
      return undefined;
    } finally {
      noteImport({ from: from.fileName, spec: specifier, value });
    }
  }
}

const NO_NAMES: readonly string[] = [];

/**
 * Occurrences of `word` in `text` that overlap a hunk (its old side, or its new side): the others are the same
 * characters in both versions. An empty side (an insertion point) is overlapped by an occurrence around it.
 */
function touching(text: string, word: string, hunks: readonly Hunk[], old: boolean): number {
  let n = 0;
  let from = 0;
  for (const h of hunks) {
    const start = old ? h.oldStart : h.newStart;
    const end = old ? h.oldEnd : h.newEnd;
    // Search only the window around the hunk (indexOf on the whole text would run on to the end of it).
    const lo = Math.max(from, start - word.length + 1);
    const window = text.substring(lo, Math.min(text.length, end + word.length - 1));
    for (let i = window.indexOf(word); i >= 0 && lo + i < end; i = window.indexOf(word, i + 1)) {
      n++;
      from = lo + i + 1;
    }
  }
  return n;
}

const SCOPE_KINDS = new Set([
  ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
]);

export class FileContext {
  readonly sf: ts.SourceFile;
  private readonly scopes = new Map<ts.Node, Map<string, Decl>>();
  /** Top-level names to their (last) declaring statement, and the declarations made from it (null: none). */
  private topIndex?: Map<string, ts.Statement>;
  /** How many top-level statements declare each name (topIndex's companion, for updating it). */
  private topCounts?: Map<string, number>;
  /**
   * The previous version's whole-file tables (taken over from it: its statements moved into this tree) and the
   * statements parsed again: the tables are updated for those statements instead of being rebuilt (see topDecl).
   */
  private inherited?: {
    replaced: { removed: ts.Statement[]; added: ts.Statement[] };
    topIndex?: Map<string, ts.Statement>;
    topCounts?: Map<string, number>;
    assigned?: Map<string, number>;
  };
  private readonly topDecls = new Map<string, Decl | null>();
  /** How many times each name is assigned in the file (see isReassigned). */
  private assigned?: Map<string, number>;
  private exportCache = new Map<string, { value: Target | undefined; imports: ImportFact[]; global: boolean } | undefined>();
  private evidence?: { value: boolean; imports: ImportFact[]; global: boolean };
  private readonly facts = new Map<string, FactValue>();
  private runSeen: number;
  /** The text this file was reparsed from and how it changed (for reusing per-statement results). */
  readonly previousText?: string;
  readonly hunks?: Hunk[];
  /** Where the text was parsed with syntax errors (parsed again with the next version; see reparse.ts). */
  readonly dirty: number[];
  private settled = false;
  /** Occurrences of words in the text (see hasWord), and the previous version's, to update. */
  private readonly wordCounts = new Map<string, number>();
  private readonly previousWords?: Map<string, number>;

  constructor(readonly project: Project, readonly fileName: string, readonly text: string, previous?: FileContext) {
    this.runSeen = project.run;
    if (previous) {
      this.previousText = previous.text;
      this.hunks = diffHunks(previous.text, text);
      const oldStarts = knownLineStarts(previous.sf);
      const p = reparse({ sf: previous.sf, dirty: previous.dirty }, text, this.hunks);
      this.sf = p.sf;
      this.dirty = p.dirty;
      this.previousWords = previous.wordCounts;
      if (p.replaced && (previous.topIndex || previous.assigned))
        this.inherited = { replaced: p.replaced, topIndex: previous.topIndex, topCounts: previous.topCounts, assigned: previous.assigned };
      // The previous version's statements now belong to this tree: its tables are this version's to update.
      previous.topIndex = previous.topCounts = previous.assigned = undefined;
      if (oldStarts) setLineStarts(this.sf, lineStartsAfterEdit(oldStarts, text, this.hunks));
    } else {
      const p = parseFull(fileName, text);
      this.sf = p.sf;
      this.dirty = p.dirty;
    }
  }

  /** Positions of every node up to date (a reparse moves the nodes inside unchanged statements lazily). */
  settleAll(): void {
    if (this.settled) return;
    this.settled = true;
    settleAll(this.sf);
  }

  /** Drops what was derived from other files in an earlier run (they may have changed since). */
  private fresh(): void {
    if (this.runSeen === this.project.run) return;
    this.runSeen = this.project.run;
    this.exportCache.clear();
    this.evidence = undefined;
    this.facts.clear();
  }

  /**
   * A whole-file value (see FACTS), computed once per run and noted on the recording of the statement being
   * analysed. `fact(kind, arg)` on the next version of the file recomputes it there for comparison.
   */
  fact(kind: string, arg = ''): FactValue {
    return this.factByKey(`${kind}:${arg}`);
  }

  /** fact() by its key, `kind:arg`. */
  factByKey(key: string): FactValue {
    this.fresh();
    let v = this.facts.get(key);
    if (!v) {
      const i = key.indexOf(':');
      const kind = key.slice(0, i);
      const arg = key.slice(i + 1);
      const compute = FACTS.get(kind);
      if (!compute) throw new Error(`unknown fact ${kind}`);
      v = inFrame(SINK, () => compute(this, arg));
      this.facts.set(key, v);
    }
    const f = frameFor(this);
    if (f) (f as Recording).facts.set(key, v);
    return v;
  }

  /**
   * `re.test(text)`, noted as a fact. `needs`: words every match contains (case-sensitive), checked first, so a
   * text without them costs no regex scan.
   */
  textTest(re: RegExp, needs?: string[]): boolean {
    if (needs?.length) return this.fact('reNeeds', `${needs.join('\u0001')}\0${re.flags}:${re.source}`).data === true;
    return this.fact('re', `${re.flags}:${re.source}`).data === true;
  }

  /**
   * Whether the text contains `word` (case-sensitive). Counted once per version; on an edited version, from the
   * previous version's count and the occurrences that overlap the changed regions, before and after, so a
   * keystroke does not scan the whole text again.
   */
  hasWord(word: string): boolean {
    let c = this.wordCounts.get(word);
    if (c === undefined) {
      const prev = this.previousWords?.get(word);
      if (prev !== undefined && this.hunks && this.previousText !== undefined) {
        c = prev - touching(this.previousText, word, this.hunks, true) + touching(this.text, word, this.hunks, false);
      } else {
        c = 0;
        for (let i = this.text.indexOf(word); i >= 0; i = this.text.indexOf(word, i + 1)) c++;
      }
      this.wordCounts.set(word, c);
    }
    return c > 0;
  }

  /** The declaration a name refers to at `at`, walking scopes outwards. */
  lookup(name: string, at: ts.Node): Decl | undefined {
    let found: Decl | undefined;
    let topLevel = true;
    for (let n: ts.Node | undefined = at; n; n = n.parent) {
      if (!SCOPE_KINDS.has(n.kind)) continue;
      const d = n.kind === ts.SyntaxKind.SourceFile ? this.topDecl(name) : this.scopeDecls(n).get(name);
      if (d) {
        found = d;
        topLevel = n.kind === ts.SyntaxKind.SourceFile;
        break;
      }
    }
    if (found && topLevel) {
      const st = topStatementOf(found.node);
      if (st) settle(st);
    }
    if (frames.length && frameFor(this)) {
      if (topLevel) this.fact('top', name);
      if (found?.kind === 'var') this.fact('reassigned', name);
    }
    return found;
  }

  private infoOf(st: ts.Statement): StatementInfo {
    let info = this.project.statementInfo.get(st);
    if (!info) {
      const assigned: string[] = [];
      const assignments: Assignment[] = [];
      const calls: Array<ts.CallExpression | ts.NewExpression> = [];
      let front = false;
      const hosts = this.frontHosts();
      settle(st);
      for (const n of preorder(st)) {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left)) {
          assigned.push(n.left.text);
          assignments.push(n);
        } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) &&
          (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
          assigned.push(n.operand.text);
          assignments.push(n);
        } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) calls.push(n);
        if (front) continue;
        if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) {
          const t = n.text;
          if (CORE_API_HOST.test(t) || hosts.some((h) => t.includes(h)) || namesFrontApi(t)) front = true;
        } else if (ts.isIdentifier(n) && namesFrontApi(n.text)) front = true;
      }
      info = { assigned, front, assignments, calls };
      this.project.statementInfo.set(st, info);
    }
    return info;
  }

  private frontHosts(): string[] {
    return frontHostsOf(this.project.options.frontBaseUrls);
  }

  private allNodes?: ts.Node[];

  /**
   * Every node of the file in source order (pre-order), computed once with an explicit stack: rules filter
   * this list instead of each walking the tree, and deeply nested code cannot exhaust the call stack.
   */
  nodes(): ts.Node[] {
    if (frames.length) {
      const f = frameFor(this);
      if (f) f.global = true; // a whole-file scan this file's per-statement results cannot track
    }
    if (this.allNodes) return this.allNodes;
    this.settleAll();
    // a tree parsed from scratch comes with the list (ts.ts parse); a re-parsed one is walked
    this.allNodes = preorderOf(this.sf) ?? preorder(this.sf);
    return this.allNodes;
  }

  private callIndex?: Map<string, Array<ts.CallExpression | ts.NewExpression>>;

  /**
   * Calls and `new` expressions whose callee is `name` or ends in `.name`, in source order. Where callers of a
   * function are looked for; reading them is noted as the `calls` fact (the statements that hold them).
   */
  callSites(name: string): Array<ts.CallExpression | ts.NewExpression> {
    if (frames.length && frameFor(this)) this.fact('calls', name);
    return this.callsNamed(name);
  }

  /** callSites without noting a read (the calls each statement's info holds, indexed by name once per version). */
  callsNamed(name: string): Array<ts.CallExpression | ts.NewExpression> {
    if (!this.callIndex) {
      const index = new Map<string, Array<ts.CallExpression | ts.NewExpression>>();
      for (const st of this.sf.statements) {
        const calls = this.infoOf(st).calls;
        if (calls.length) settle(st);
        for (const n of calls) {
          const c = skipOuter(n.expression);
          const key = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : undefined;
          if (key === undefined) continue;
          let list = index.get(key);
          if (!list) index.set(key, (list = []));
          list.push(n);
        }
      }
      this.callIndex = index;
    }
    return this.callIndex.get(name) ?? [];
  }


  private assignIndex?: Map<string, Assignment[]>;

  /**
   * The assignments to a name in the file (`x = …`, `x += …`, `x++`), in source order, for reading what a reassigned
   * variable still stands for. Noted as the `assigns` fact (the statements that hold them).
   */
  assignmentsTo(name: string): Array<ts.BinaryExpression | ts.PrefixUnaryExpression | ts.PostfixUnaryExpression> {
    if (frames.length && frameFor(this)) this.fact('assigns', name);
    return this.assignmentsNamed(name);
  }

  /** assignmentsTo without noting a read (from each statement's info, indexed by name once per version). */
  assignmentsNamed(name: string): Assignment[] {
    if (!this.assignIndex) {
      const index = new Map<string, Assignment[]>();
      for (const st of this.sf.statements) {
        const list0 = this.infoOf(st).assignments;
        if (list0.length) settle(st);
        for (const n of list0) {
          const key = ts.isBinaryExpression(n) ? (n.left as ts.Identifier).text : (n.operand as ts.Identifier).text;
          let list = index.get(key);
          if (!list) index.set(key, (list = []));
          list.push(n);
        }
      }
      this.assignIndex = index;
    }
    return this.assignIndex.get(name) ?? [];
  }


  /** Names assigned after their declaration somewhere in the file (`x = …`, `x += …`, `x++`). */
  isReassigned(name: string): boolean {
    if (!this.assigned) {
      const inh = this.inherited;
      let counts = inh?.assigned;
      if (counts && inh) {
        // The previous version's counts, less the statements parsed again, plus the ones that replace them.
        inh.assigned = undefined;
        for (const st of inh.replaced.removed) for (const n of this.infoOf(st).assigned) {
          const c = counts.get(n)! - 1;
          if (c > 0) counts.set(n, c);
          else counts.delete(n);
        }
        for (const st of inh.replaced.added) for (const n of this.infoOf(st).assigned) counts.set(n, (counts.get(n) ?? 0) + 1);
      } else {
        counts = new Map();
        for (const st of this.sf.statements) for (const n of this.infoOf(st).assigned) counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      this.assigned = counts;
    }
    return this.assigned.has(name);
  }

  /** True when this file, or a project file it imports, points at Front's Core API. */
  hasFrontEvidence(): boolean {
    if (frames.length && frameFor(this)) return this.fact('evidence').data === true;
    this.fresh();
    if (this.evidence) {
      replay(this.evidence.imports, this.evidence.global);
      return this.evidence.value;
    }
    this.evidence = { value: false, imports: [], global: false }; // guards import cycles
    this.evidence = captured(() => {
      let found = this.codeNamesFrontApi();
      if (!found) {
        for (const spec of this.importSpecifiers()) {
          const f = this.project.importedFile(this, spec);
          if (f && f.codeNamesFrontApi() && usesFrontFrom(this, spec, f)) {
            found = true;
            break;
          }
        }
      }
      return found;
    });
    return this.evidence.value;
  }

  private ownEvidence?: boolean;

  /**
   * Evidence from code, never from comments: a string naming a Core API host (api2.frontapp.com,
   * api.frontapp.com, <company>.api.frontapp.com or a configured base URL), or a name such as
   * FRONT_API_TOKEN / frontApiKey. Front Chat, app.frontapp.com links and plugin SDKs are not the Core API.
   */
  codeNamesFrontApi(): boolean {
    if (this.ownEvidence !== undefined) return this.ownEvidence;
    const hosts = this.frontHosts();
    let found = false;
    // The same text test the CLI selects files with: a cheap pre-check before looking at the code.
    if (mightNameFront(this.text, hosts)) {
      for (const st of this.sf.statements) {
        if (this.infoOf(st).front) {
          found = true;
          break;
        }
      }
    }
    this.ownEvidence = found;
    return found;
  }

  /** FRONT_API_TOKEN, frontApiKey: a name that says Front's API. */
  namesFrontApi(name: string): boolean {
    return namesFrontApi(name);
  }

  /** Whether code under `node` names Front's API (a Core API host, a configured host, a Front API name). */
  subtreeNamesFrontApi(node: ts.Node): boolean {
    const hosts = this.frontHosts();
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) {
        const t = n.text;
        if (CORE_API_HOST.test(t) || hosts.some((h) => t.includes(h)) || namesFrontApi(t)) found = true;
      } else if (ts.isIdentifier(n) && namesFrontApi(n.text)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  /**
   * Whether a value read in this file is Front's by where it is written: a setting of a top-level settings object
   * (`export const config = { apiUrl: …, frontApiToken: … }`) by its own entry, a top-level constant
   * (`export const APP_ORIGIN = …` beside `FRONT_API_TOKEN`) by its own statement, anything else (a method's
   * `this.$auth.url`, a function's local) by the file's evidence.
   */
  valueNamesFront(node: ts.Node): boolean {
    let top: ts.Node = node;
    while (top.parent && top.parent !== this.sf) top = top.parent;
    if (top.parent !== this.sf || !ts.isVariableStatement(top)) return this.hasFrontEvidence();
    for (let n: ts.Node | undefined = node; n && n !== top; n = n.parent) if (ts.isFunctionLike(n) || ts.isClassLike(n)) return this.hasFrontEvidence();
    for (let n: ts.Node | undefined = node; n && n !== top; n = n.parent) {
      if (!ts.isPropertyAssignment(n) || !ts.isObjectLiteralExpression(n.parent)) continue;
      let holder = n.parent.parent; // `{ … } as const`, `satisfies Settings`
      while (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isParenthesizedExpression(holder)) holder = holder.parent;
      if (ts.isVariableDeclaration(holder) && holder.initializer && skipOuter(holder.initializer) === n.parent && ts.isVariableStatement(holder.parent.parent) &&
        holder.parent.parent.parent === this.sf) return this.subtreeNamesFrontApi(n);
    }
    return this.infoOf(top).front;
  }

  /** Whether the top-level statement holding `node` names Front's API. */
  statementNamesFrontApi(node: ts.Node): boolean {
    let st: ts.Node = node;
    while (st.parent && st.parent !== this.sf) st = st.parent;
    if (st.parent !== this.sf) return this.codeNamesFrontApi(); // not one of this file's statements
    return this.infoOf(st as ts.Statement).front;
  }

  importSpecifiers(): string[] {
    const specs: string[] = [];
    for (const st of this.sf.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier))
        specs.push(st.moduleSpecifier.text);
    }
    if (/\brequire\s*\(/.test(this.text))
      for (const n of this.nodes())
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1 &&
          ts.isStringLiteral(n.arguments[0])) specs.push(n.arguments[0].text);
    return specs;
  }

  /** The top-level declaration of a name: its kind, stability and statement. */
  topLevelDecl(name: string): FactValue {
    const d = this.topDecl(name);
    if (!d) return { data: null };
    let st: ts.Node = d.node;
    while (st.parent && st.parent !== this.sf) st = st.parent;
    const at = st === d.node ? 0 : d.node.pos + pendingOf(st) - st.pos;
    return { data: `${d.kind}|${d.kind === 'var' ? d.stable : ''}|${at}`, ranges: [st.pos, st.end] };
  }

  /** The names a statement declares in its scope, with their declarations (of this version of the file). */
  private addStatementDecls(m: Map<string, Decl>, st: ts.Statement): void {
    const addVarList = (list: ts.VariableDeclarationList): void => {
      const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
      for (const d of list.declarations) this.addBinding(m, d.name, d, d.initializer, [], isConst);
    };
    if (ts.isVariableStatement(st)) addVarList(st.declarationList);
    else if (ts.isFunctionDeclaration(st) && st.name) m.set(st.name.text, { kind: 'function', ctx: this, node: st, name: st.name.text });
    else if (ts.isClassDeclaration(st) && st.name) m.set(st.name.text, { kind: 'class', ctx: this, node: st, name: st.name.text });
    else if (ts.isTypeAliasDeclaration(st)) m.set(st.name.text, { kind: 'type', ctx: this, node: st, name: st.name.text });
    else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const module = st.moduleSpecifier.text;
      const ic = st.importClause;
      if (ic.name) m.set(ic.name.text, { kind: 'import', ctx: this, node: ic, module, imported: 'default', name: ic.name.text });
      const nb = ic.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) m.set(nb.name.text, { kind: 'import', ctx: this, node: nb, module, imported: '*', name: nb.name.text });
      else if (nb && ts.isNamedImports(nb))
        for (const el of nb.elements)
          m.set(el.name.text, { kind: 'import', ctx: this, node: el, module, imported: (el.propertyName ?? el.name).text, name: el.name.text });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) &&
      ts.isStringLiteral(st.moduleReference.expression)) {
      m.set(st.name.text, { kind: 'import', ctx: this, node: st, module: st.moduleReference.expression.text, imported: '*', name: st.name.text });
    } else if (ts.isExportDeclaration(st)) {
      // nothing: re-exports do not bind local names
    } else if (ts.isLabeledStatement(st)) this.addStatementDecls(m, st.statement);
  }

  /**
   * The top-level declaration of a name (what scopeDecls(sf).get(name) would give), without building the
   * whole file's map on every version: each top-level statement's declared names are kept with the statement
   * node (reused across versions), the name's last declaring statement is found from them (an index updated
   * from the previous version's for the statements parsed again), and only that statement's declarations are
   * made, for this version.
   */
  private topDecl(name: string): Decl | undefined {
    let d = this.topDecls.get(name);
    if (d !== undefined) return d ?? undefined;
    if (!this.topIndex) this.buildTopIndex();
    const st = this.topIndex!.get(name);
    if (st) {
      const m = new Map<string, Decl>();
      this.addStatementDecls(m, st);
      d = m.get(name);
    }
    this.topDecls.set(name, d ?? null);
    return d;
  }

  /** Top-level names to their last declaring statement: the previous version's, updated, or built from every statement. */
  private buildTopIndex(): void {
    const inh = this.inherited;
    const prevIndex = inh?.topIndex;
    const prevCounts = inh?.topCounts;
    if (inh && prevIndex && prevCounts) {
      inh.topIndex = inh.topCounts = undefined;
      const index = prevIndex;
      const counts = prevCounts;
      // Names whose last declaration was parsed again while another declaration of them remains: found again.
      let stale: Set<string> | undefined;
      for (const st of inh.replaced.removed) for (const n of this.declaredNames(st)) {
        const c = counts.get(n)! - 1;
        if (c > 0) {
          counts.set(n, c);
          if (index.get(n) === st) (stale ??= new Set()).add(n);
        } else {
          counts.delete(n);
          index.delete(n);
        }
      }
      for (const st of inh.replaced.added) for (const n of this.declaredNames(st)) {
        counts.set(n, (counts.get(n) ?? 0) + 1);
        if (stale?.has(n)) continue;
        const cur = index.get(n);
        if (!cur || cur.pos <= st.pos) index.set(n, st);
      }
      if (stale) {
        for (const n of stale) index.delete(n);
        for (const st of this.sf.statements) for (const n of this.declaredNames(st)) if (stale.has(n)) index.set(n, st);
      }
      this.topIndex = index;
      this.topCounts = counts;
      return;
    }
    const index = new Map<string, ts.Statement>();
    const counts = new Map<string, number>();
    for (const st of this.sf.statements) {
      const names = this.declaredNames(st);
      for (let i = 0; i < names.length; i++) {
        index.set(names[i], st);
        counts.set(names[i], (counts.get(names[i]) ?? 0) + 1);
      }
    }
    this.topIndex = index;
    this.topCounts = counts;
  }

  private declaredNames(st: ts.Statement): readonly string[] {
    const info = this.project.statementNames;
    let names = info.get(st);
    if (!names) {
      const m = new Map<string, Decl>();
      this.addStatementDecls(m, st);
      names = m.size ? [...m.keys()] : NO_NAMES;
      info.set(st, names);
    }
    return names;
  }

  private scopeDecls(scope: ts.Node): Map<string, Decl> {
    let m = this.scopes.get(scope);
    if (m) return m;
    m = new Map();
    this.scopes.set(scope, m);
    const addStatement = (st: ts.Statement): void => this.addStatementDecls(m!, st);
    if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
      for (const st of scope.statements) addStatement(st);
      if (ts.isBlock(scope) && scope.parent && ts.isFunctionLike(scope.parent)) this.addHoistedVars(scope, m);
    } else if (ts.isCaseBlock(scope)) {
      for (const c of scope.clauses) for (const st of c.statements) addStatement(st);
    } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
      const init = scope.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        // loop variables change on every iteration: never constant
        for (const d of init.declarations) this.addBinding(m, d.name, d, undefined, [], false);
      }
    } else if (ts.isCatchClause(scope)) {
      if (scope.variableDeclaration) this.addBinding(m, scope.variableDeclaration.name, scope.variableDeclaration, undefined, [], false);
    } else if (ts.isFunctionLike(scope)) {
      const fn = scope as ts.SignatureDeclaration;
      for (const p of fn.parameters) this.addParam(m, p.name, p);
      if ((ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) && scope.name && !m.has(scope.name.text) && ts.isFunctionExpression(scope))
        m.set(scope.name.text, { kind: 'function', ctx: this, node: scope as unknown as ts.FunctionDeclaration, name: scope.name.text });
    }
    return m;
  }

  /** `var` declarations in nested blocks belong to the function. */
  private addHoistedVars(body: ts.Block, m: Map<string, Decl>): void {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isVariableDeclarationList(n) && !(n.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)))
        for (const d of n.declarations) if (!m.has(d.name.getText())) this.addBinding(m, d.name, d, d.initializer, [], false);
      ts.forEachChild(n, visit);
    };
    for (const st of body.statements) if (!ts.isVariableStatement(st)) ts.forEachChild(st, visit);
  }

  private addParam(m: Map<string, Decl>, name: ts.BindingName, p: ts.ParameterDeclaration | ts.BindingElement): void {
    if (ts.isIdentifier(name)) m.set(name.text, { kind: 'param', ctx: this, node: p, name: name.text });
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) this.addParam(m, el.name, el);
  }

  private addBinding(m: Map<string, Decl>, name: ts.BindingName, node: ts.VariableDeclaration | ts.BindingElement,
    init: ts.Expression | undefined, path: string[], isConst: boolean, omit?: string[]): void {
    if (ts.isIdentifier(name)) {
      init = init && exportsAssignment(init, undefined); // babel: `const http = exports.http = axios.create(…)`
      const stable = isConst || (init !== undefined && !this.isReassigned(name.text));
      const req = init && requireCall(init);
      if (req) {
        // const x = require('m'), const { a } = require('m'), const x = require('m').default
        m.set(name.text, { kind: 'import', ctx: this, node, module: req.module, imported: path.length ? path[0] : req.member ?? (req.interop ? '*' : 'default'), name: name.text });
        return;
      }
      m.set(name.text, { kind: 'var', ctx: this, node, init, path, stable, name: name.text, ...(omit && { omit }) });
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      const named: string[] = [];
      for (const el of name.elements) {
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (el.dotDotDotToken) {
          // `const { errorMapping, ...axiosConfig } = config`: the same object without the keys named before it
          // (a client factory hands the rest on to `axios.create`)
          if (ts.isIdentifier(el.name)) this.addBinding(m, el.name, el, init, path, isConst, named);
          continue;
        }
        if (key === undefined) continue;
        named.push(key);
        this.addBinding(m, el.name, el, init, [...path, key], isConst);
      }
    } else {
      name.elements.forEach((el, i) => {
        if (!ts.isOmittedExpression(el) && !el.dotDotDotToken) this.addBinding(m, el.name, el, init, [...path, String(i)], isConst);
      });
    }
  }

  /** An exported type alias or class named `name` (for following declared parameter types across files). */
  exportedType(name: string, depth = 0): { ctx: FileContext; node: ts.TypeAliasDeclaration | ts.ClassDeclaration } | undefined {
    if (depth > 6) return undefined;
    this.settleAll();
    if (frames.length) {
      const f = frameFor(this);
      if (f) f.global = true; // exports of the file being analysed (an import cycle): not tracked
    }
    for (const st of this.sf.statements) {
      if ((ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) {
        const exported = (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (exported) return { ctx: this, node: st };
      }
      if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (from) return this.project.importedFile(this, from)?.exportedType(local, depth + 1);
            const d = this.lookup(local, this.sf);
            if (d?.kind === 'type') return { ctx: this, node: d.node };
            if (d?.kind === 'class') return { ctx: this, node: d.node };
          }
        } else if (!st.exportClause && from) {
          const t = this.project.importedFile(this, from)?.exportedType(name, depth + 1);
          if (t) return t;
        }
      }
    }
    return undefined;
  }

  /** What an exported name of this module is. 'default' for the default export / module.exports. */
  exportTarget(name: string, depth = 0): Target | undefined {
    this.fresh();
    this.settleAll();
    if (frames.length) {
      const f = frameFor(this);
      if (f) f.global = true; // exports of the file being analysed (an import cycle): not tracked
    }
    if (this.exportCache.has(name)) {
      const c = this.exportCache.get(name);
      if (c) replay(c.imports, c.global);
      return c?.value;
    }
    this.exportCache.set(name, undefined); // cycle guard
    const c = captured(() => (depth > 8 ? undefined : this.findExport(name, depth)));
    this.exportCache.set(name, c);
    return c.value;
  }

  private findExport(name: string, depth: number): Target | undefined {
    const sf = this.sf;
    const hasExport = (n: ts.Node): boolean =>
      ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((mod) => mod.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = (n: ts.Node): boolean =>
      ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((mod) => mod.kind === ts.SyntaxKind.DefaultKeyword);
    let cjs: Target | undefined;
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st) && hasExport(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { kind: 'expr', ctx: this, expr: d.initializer, path: [] };
          if (!ts.isIdentifier(d.name)) {
            const decl = this.lookup(name, st);
            if (decl && decl.kind === 'var' && decl.init) return { kind: 'expr', ctx: this, expr: decl.init, path: decl.path };
          }
        }
      } else if (ts.isVariableStatement(st)) {
        // babel's export of a const: `const FRONT_API = exports.FRONT_API = '…'`
        for (const d of st.declarationList.declarations) {
          const value = d.initializer && exportsAssignment(d.initializer, name);
          if (value && value !== d.initializer && !isVoidZero(value)) return { kind: 'expr', ctx: this, expr: value, path: [] };
        }
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasExport(st)) {
        const matches = isDefault(st) ? name === 'default' : st.name?.text === name;
        if (matches) return ts.isFunctionDeclaration(st) ? { kind: 'function', ctx: this, node: st } : { kind: 'class', ctx: this, node: st };
      } else if (ts.isExportAssignment(st)) {
        if (name === 'default' || st.isExportEquals) {
          const t: Target = { kind: 'expr', ctx: this, expr: st.expression, path: st.isExportEquals && name !== 'default' ? [name] : [] };
          if (name === 'default' || st.isExportEquals) return t;
        }
      } else if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (!st.exportClause) {
          if (from && name !== 'default') {
            const f = this.project.importedFile(this, from);
            const t = f?.exportTarget(name, depth + 1);
            if (t) return t;
          }
        } else if (ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (from) {
              const f = this.project.importedFile(this, from);
              return f?.exportTarget(local, depth + 1);
            }
            const decl = this.lookup(local, sf);
            return decl ? declTarget(decl, depth + 1) : undefined;
          }
        } else if (ts.isNamespaceExport(st.exportClause) && st.exportClause.name.text === name && from) {
          const f = this.project.importedFile(this, from);
          return f ? { kind: 'module', ctx: f } : undefined;
        }
      } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) &&
        st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // CommonJS: module.exports = …, module.exports.x = …, exports.x = …
        const lhs = st.expression.left.getText(sf).replace(/\s+/g, '');
        const rhs = st.expression.right;
        if (lhs === 'module.exports') {
          cjs = name === 'default' ? { kind: 'expr', ctx: this, expr: rhs, path: [] } : { kind: 'expr', ctx: this, expr: rhs, path: [name] };
        } else {
          // `exports.X = …`, `module.exports.X = …`, chains (`exports.a = exports.b = v`). tsc declares every export
          // first: `exports.X = void 0;` (also chained) is not the value.
          const value = exportsAssignment(st.expression, name);
          if (value !== st.expression && !isVoidZero(value)) return { kind: 'expr', ctx: this, expr: value, path: [] };
        }
      } else if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression)) {
        // tsc's re-export interop: Object.defineProperty(exports, "X", { enumerable: true, get: function () { return m.X; } })
        const get = definedExport(st.expression, name);
        if (get) return { kind: 'expr', ctx: this, expr: get, path: [] };
      }
    }
    return cjs;
  }
}

/**
 * The value of `exports.x = v` / `module.exports.x = v` (chains too: `exports.a = exports.b = v`), when it assigns
 * the export `name` (any export when undefined); else `e` itself.
 */
function exportsAssignment(e: ts.Expression, name: string | undefined): ts.Expression {
  let x = skipOuter(e);
  let assigns = false;
  while (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(x.left)) {
    const target = x.left.expression;
    const isExports = ts.isIdentifier(target) ? target.text === 'exports'
      : ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports';
    if (!isExports) break;
    if (name === undefined || x.left.name.text === name) assigns = true;
    x = skipOuter(x.right);
  }
  return assigns ? x : e;
}

function isVoidZero(e: ts.Expression): boolean {
  e = skipOuter(e);
  return ts.isVoidExpression(e) && ts.isNumericLiteral(skipOuter(e.expression));
}

/** The value `Object.defineProperty(exports, name, { get() { return v } | value: v })` exports. */
function definedExport(call: ts.CallExpression, name: string): ts.Expression | undefined {
  const c = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(c) || c.name.text !== 'defineProperty' || !ts.isIdentifier(c.expression) || c.expression.text !== 'Object') return undefined;
  const [target, key, desc] = call.arguments;
  if (!target || !key || !desc || !ts.isIdentifier(skipOuter(target)) || (skipOuter(target) as ts.Identifier).text !== 'exports') return undefined;
  if (!ts.isStringLiteralLike(key) || key.text !== name || !ts.isObjectLiteralExpression(desc)) return undefined;
  for (const p of desc.properties) {
    const pn = p.name && propertyNameText(p.name);
    if (pn === 'value' && ts.isPropertyAssignment(p)) return p.initializer;
    if (pn !== 'get') continue;
    const fn = ts.isPropertyAssignment(p) ? skipOuter(p.initializer) : p;
    if (!ts.isFunctionLike(fn)) continue;
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (body && !ts.isBlock(body)) return body;
    const ret = body?.statements.find(ts.isReturnStatement);
    if (ret?.expression) return ret.expression;
  }
  return undefined;
}

type Assignment = ts.BinaryExpression | ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;

interface StatementInfo {
  assigned: string[];
  front: boolean;
  /** The assignments to names (`x = …`, `x += …`, `x++`) and the calls and `new`s in the statement, in source order. */
  assignments: Assignment[];
  calls: Array<ts.CallExpression | ts.NewExpression>;
}

export function declTarget(decl: Decl, depth = 0): Target | undefined {
  switch (decl.kind) {
    case 'var':
      if (!decl.stable || !decl.init) return undefined;
      return { kind: 'expr', ctx: decl.ctx, expr: decl.init, path: decl.path };
    case 'function':
      return { kind: 'function', ctx: decl.ctx, node: decl.node };
    case 'class':
      return { kind: 'class', ctx: decl.ctx, node: decl.node };
    case 'param':
      return { kind: 'param', ctx: decl.ctx, decl, path: [] };
    case 'type':
      return undefined;
    case 'import': {
      const f = decl.ctx.project.importedFile(decl.ctx, decl.module);
      if (!f) return { kind: 'package', module: decl.module, imported: decl.imported, path: [], ctx: decl.ctx, node: decl.node };
      // `require()` of compiled ES module output (tsc/babel mark it `__esModule`) is its exports object, not `exports.default`
      if (decl.imported === '*' || (decl.imported === 'default' && ts.isVariableDeclaration(decl.node) && f.text.includes('__esModule')))
        return { kind: 'module', ctx: f };
      return f.exportTarget(decl.imported, depth) ?? (decl.imported === 'default' ? { kind: 'module', ctx: f } : undefined);
    }
  }
}

/** tsc's and babel's interop helpers around `require()` (`tslib_1.__importDefault`, `_interopRequireWildcard`…). */
const INTEROP_HELPER = /^_{0,2}(?:importDefault|importStar|interopRequireDefault|interopRequireWildcard|interopRequire)$/;

/**
 * `require('m')`, `require('m').x`, `await import('m')`; and compiled interop `__importDefault(require('m'))`,
 * `_interopRequireDefault(require('m')).default` (`interop`: the value is the module object, `.default` its default).
 */
export function requireCall(e: ts.Expression): { module: string; member?: string; interop?: boolean } | undefined {
  e = skipOuter(e);
  if (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(e)) {
    member = e.name.text;
    e = skipOuter(e.expression);
  }
  let interop = false;
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const callee = skipOuter(e.expression);
    const helper = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (helper && INTEROP_HELPER.test(helper)) {
      interop = true;
      e = skipOuter(e.arguments[0]);
    }
  }
  if (ts.isCallExpression(e) && e.arguments.length >= 1 && ts.isStringLiteralLike(e.arguments[0]) &&
    ((ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword)) {
    return { module: e.arguments[0].text, member, interop };
  }
  return undefined;
}
