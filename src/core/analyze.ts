// The engine's entry points: analyze one file's text, fix one file's text.
import { ts, parseErrors, scriptKindFor, mapOffset, unmapOffset, rangeUnchanged, diffHunks, type Hunk } from './ts';
import { Project, FileContext, Recording, recording, importValue, type FactValue, type ImportFact } from './files';
import { RuleRun } from './run';
import type { AnalyzeOptions, AnalyzeResult, Finding, InputProblem, RuleId, Severity, TextEdit } from './types';
import { applyEdits, editsOverlap } from './edits';
import { RULES } from './rules/registry';
import { ALL_RULES } from './rules';
import type { Rule } from './rules/rule';
import { applySuppressions } from './suppressions';
import { cachedLineStarts, toRange } from './positions';
import { asGenerated, isGeneratedFile } from './generated';

export { mightMatch } from './prefilter';

// One project (parsed-file cache) per host, so a CLI run parses each imported module once.
const projects = new WeakMap<object, Project>();
const NO_HOST = {};

function projectFor(options: AnalyzeOptions): Project {
  const key = options.host ?? NO_HOST;
  let p = projects.get(key);
  if (!p || JSON.stringify(p.options.frontBaseUrls ?? []) !== JSON.stringify(options.frontBaseUrls ?? [])) {
    p = new Project(options);
    projects.set(key, p);
  }
  return p;
}

function severities(options: AnalyzeOptions): Map<RuleId, Severity> {
  const m = new Map<RuleId, Severity>();
  for (const r of RULES) {
    const s = options.rules?.[r.id] ?? r.defaultSeverity;
    if (s !== 'off') m.set(r.id, s);
  }
  return m;
}

export function analyze(fileName: string, text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const project = projectFor(options);
  project.run++;
  let ctx: FileContext;
  try {
    ctx = project.file(fileName, text);
  } catch (e) {
    const tooDeep = e instanceof RangeError && /call stack/i.test(e.message);
    return {
      findings: [],
      problems: [{ file: fileName, message: tooDeep ? 'not analysed: the code is nested too deeply to parse' : `could not parse: ${(e as Error).message}` }],
    };
  }
  const problems: InputProblem[] = [];
  const starts = cachedLineStarts(ctx.sf, text);
  for (const d of parseErrors(ctx.sf).slice(0, 5)) {
    problems.push({
      file: fileName,
      message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      range: toRange(starts, d.start, d.start + d.length),
    });
  }
  const sev = severities(options);
  // HTTP rules run on every file the caller asks about: a file may build a Front URL entirely from
  // imported pieces. mightApply only skips rules whose trigger must be written in the file itself.
  const rules = ALL_RULES.filter((rule) => sev.has(rule.id) && rule.mightApply(text));
  let all = options.once ? undefined : byStatement(project, ctx, options, sev, rules);
  if (!all) {
    // A rule failed on some statement: analyse the file as a whole, as one run, and say which rule failed.
    const run = new RuleRun(ctx, options, sev);
    for (const rule of rules) {
      try {
        rule.check(run);
      } catch (e) {
        // A rule bug must not take the file (or the run) down; say which rule and where.
        const tooDeep = e instanceof RangeError && /call stack/i.test(e.message);
        problems.push({
          file: fileName,
          message: tooDeep
            ? `rule ${rule.id} skipped: the code is nested too deeply to analyse`
            : `internal error in rule ${rule.id}: ${(e as Error).message}`,
        });
      }
    }
    all = run.findings;
  }
  let findings = dedupe(all).sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  if (findings.length && isGeneratedFile(text)) findings = asGenerated(findings);
  const sup = applySuppressions(ctx.sf, findings, options.reportUnusedIgnores === true);
  return { findings: sup.kept, problems: [...problems, ...sup.problems] };
}

// ---------------------------------------------------------------- per-statement analysis
//
// Each top-level statement is analysed on its own (a RuleRun whose unit is the statement) and its findings are
// kept with what the analysis read outside the statement (see "recording" in files.ts). On the next version of
// the same file, a statement outside the changed text whose outside reads are all unchanged gets its findings
// back, moved by the edit, instead of being analysed again. The findings are put together in the order one run
// over the whole file produces them (rule by rule, in source order), so the result is the same.

interface Entry {
  /** The statement's [pos, end) in the text the entry was made for. */
  pos: number;
  end: number;
  /** Findings per rule (index into the rules list), offsets in the text the entry was made for; null: none. */
  findings: Finding[][] | null;
  /** The largest offset in this file the findings hold (-1: none): findings wholly before an edit are kept as they are. */
  reach: number;
  /** Whole-file facts the analysis read (keys, and values in the text the entry was made for). */
  factKeys: string[];
  facts: FactValue[];
  imports: ImportFact[];
}

/** One analysed version of a file: its text and its statements' entries, in source order (by pos). */
interface Version {
  text: string;
  key: string;
  entries: Entry[];
  /** The text of the version before it and how it changed into this one (bounds the diffs with older versions). */
  prevText?: string;
  fromPrev?: Hunk[];
}

const statementCaches = new WeakMap<Project, Map<string, Version[]>>();
const MAX_CACHED_STATEMENT_FILES = 8;
/**
 * Versions of a file kept for reuse. More than one: an edit that breaks a statement (or is undone) reshapes it,
 * and the version before still has the statement as it is again now.
 */
const MAX_VERSIONS = 3;

/** Reuse from one earlier version: how it changed into the current text, and its entries by their new pos. */
class Source {
  /** Cursor into the version's entries: at() is asked for increasing positions (statements in source order). */
  private next = 0;
  /** Fact values already compared, by the old value object (entries of one run share them): the current value, or null when it differs. */
  readonly nowFacts = new Map<FactValue, { key: string; now: FactValue | null }>();
  constructor(readonly version: Version, readonly hunks: Hunk[]) {}
  /** The entry of an unchanged statement that is at `pos` in the current text; positions must increase from call to call. */
  at(pos: number): Entry | undefined {
    const old = unmapOffset(pos, this.hunks);
    if (old === undefined) return undefined;
    const es = this.version.entries;
    let i = this.next;
    while (i < es.length && es[i].pos < old) i++;
    this.next = i;
    const e = es[i];
    if (!e || e.pos !== old || !rangeUnchanged(e.pos, e.end, this.hunks) || mapOffset(e.pos, this.hunks) !== pos) return undefined;
    return e;
  }
}

function byStatement(project: Project, ctx: FileContext, options: AnalyzeOptions, sev: Map<RuleId, Severity>, rules: Rule[]): Finding[] | undefined {
  let files = statementCaches.get(project);
  if (!files) statementCaches.set(project, (files = new Map()));
  const key = JSON.stringify([rules.map((r) => r.id), [...sev], options.frontBaseUrls ?? [], options.passThroughProxies ?? []]);
  // Kept versions analysed with the same rules and options, most recent first.
  const versions = (files.get(ctx.fileName) ?? []).filter((v) => v.key === key);
  const sources: Source[] = [];
  // Text the same in every version from an older one to this one (before the first change and after the last of
  // each step between them): the diff with the older version does not compare it again.
  let prefix = Number.POSITIVE_INFINITY;
  let suffix = Number.POSITIVE_INFINITY;
  let linked = true;
  let newer: { prevText?: string; fromPrev?: Hunk[] } = { prevText: ctx.previousText, fromPrev: ctx.hunks };
  for (const v of versions) {
    const step = linked && newer.prevText === v.text ? newer.fromPrev : undefined;
    if (step) {
      if (step.length) {
        prefix = Math.min(prefix, step[0].oldStart);
        suffix = Math.min(suffix, v.text.length - step[step.length - 1].oldEnd);
      }
    } else linked = false;
    const hunks = v.text === ctx.text ? [] : ctx.previousText === v.text && ctx.hunks ? ctx.hunks
      : diffHunks(v.text, ctx.text, linked ? { prefix, suffix } : undefined);
    sources.push(new Source(v, hunks));
    newer = v;
  }
  const host = project.host;
  const imports = new Map<string, string>();
  const importOk = (i: ImportFact): boolean => {
    const k = `${i.from}\0${i.spec}`;
    let v = imports.get(k);
    if (v === undefined) imports.set(k, (v = importValue(host, i.from, i.spec)));
    return v === i.value;
  };
  const sf = ctx.sf;
  const starts = cachedLineStarts(sf, ctx.text);
  const entries: Entry[] = [];
  const perStatement: Array<Finding[][] | null> = [];
  for (const st of sf.statements) {
    let entry: Entry | undefined;
    for (let k = 0; k < sources.length; k++) {
      const src = sources[k];
      const prev = src.at(st.pos);
      if (prev && mapOffset(prev.end, src.hunks) === st.end) entry = reuse(prev, ctx, src, starts, importOk);
      if (entry) break;
    }
    if (!entry) {
      const rec = new Recording(ctx);
      const run = new RuleRun(ctx, options, sev, st);
      const findings: Finding[][] = [];
      let any = false;
      const failed = recording(rec, () => {
        for (const rule of rules) {
          const from = run.findings.length;
          try {
            rule.check(run);
          } catch {
            return true;
          }
          findings.push(run.findings.slice(from));
          if (run.findings.length > from) any = true;
        }
        return false;
      });
      if (failed) return undefined;
      entry = { pos: st.pos, end: st.end, findings: any ? findings : null, reach: any ? reachOf(findings, ctx.fileName) : -1, factKeys: [...rec.facts.keys()], facts: [...rec.facts.values()], imports: dedupeImports(rec.imports) };
      if (rec.global) entry = { ...entry, pos: -1 }; // read the file in ways not tracked: analysed again every time
    }
    if (entry.pos >= 0) entries.push(entry);
    perStatement.push(entry.findings);
  }
  const kept = [{ text: ctx.text, key, entries, prevText: ctx.previousText, fromPrev: ctx.hunks }, ...versions.filter((v) => v.text !== ctx.text)].slice(0, MAX_VERSIONS);
  files.delete(ctx.fileName);
  files.set(ctx.fileName, kept);
  if (files.size > MAX_CACHED_STATEMENT_FILES) files.delete(files.keys().next().value!);
  const out: Finding[] = [];
  for (let r = 0; r < rules.length; r++)
    for (const fs of perStatement) if (fs) for (const f of fs[r]) out.push(cloneFinding(f));
  return out;
}

function dedupeImports(xs: ImportFact[]): ImportFact[] {
  const seen = new Set<string>();
  return xs.filter((i) => {
    const k = `${i.from}\0${i.spec}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The entry moved to the new text, if everything it read outside its statement is unchanged. Its facts are
 * the current values (offsets in the new text), so the next version compares against them. What did not move
 * is shared with the old entry (the entry itself, for a statement before every change that read nothing moved).
 */
function reuse(e: Entry, ctx: FileContext, src: Source, starts: number[], importOk: (i: ImportFact) => boolean): Entry | undefined {
  const hunks = src.hunks;
  let facts = e.facts;
  for (let i = 0; i < e.facts.length; i++) {
    const old = e.facts[i];
    const key = e.factKeys[i];
    let known = src.nowFacts.get(old);
    if (known === undefined || known.key !== key) {
      const cur = ctx.factByKey(key);
      // An unchanged value that did not move is the old value object (so entries can share their facts).
      known = { key, now: sameFact(old, cur, hunks) ? (unmoved(old, cur) ? old : cur) : null };
      src.nowFacts.set(old, known);
    }
    const now = known.now;
    if (now === null) return undefined;
    if (now !== old) {
      if (facts === e.facts) facts = e.facts.slice();
      facts[i] = now;
    }
  }
  for (const i of e.imports) if (!importOk(i)) return undefined;
  let findings: Finding[][] | null = null;
  if (e.findings && (hunks.length === 0 || e.reach < hunks[0].oldStart)) {
    // Before every change: the same offsets, lines and columns.
    findings = e.findings;
  } else if (e.findings) {
    const map = (o: number): number | undefined => mapOffset(o, hunks);
    findings = [];
    for (const fs of e.findings) {
      const moved: Finding[] = [];
      for (const f of fs) {
        const m = copyFinding(f, ctx.fileName, map, starts);
        if (!m) return undefined;
        moved.push(m);
      }
      findings.push(moved);
    }
  }
  const pos = mapOffset(e.pos, hunks)!;
  const end = mapOffset(e.end, hunks)!;
  if (pos === e.pos && end === e.end && facts === e.facts && findings === e.findings) return e;
  return { pos, end, findings, reach: e.reach < 0 || findings === e.findings ? e.reach : mapOffset(e.reach, hunks)!, factKeys: e.factKeys, facts, imports: e.imports };
}

/** Two equal fact values (see sameFact) with the same offsets. */
function unmoved(old: FactValue, now: FactValue): boolean {
  const a = old.ranges;
  const b = now.ranges;
  if (!a || !b) return !a === !b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function reachOf(findings: Finding[][], file: string): number {
  let r = -1;
  const edits = (xs: TextEdit[]): void => {
    for (const x of xs) if (x.file === file) r = Math.max(r, x.start, x.end);
  };
  for (const fs of findings) for (const f of fs) {
    r = Math.max(r, f.start, f.end);
    if (f.related) for (const x of f.related) if (x.file === file) r = Math.max(r, x.start, x.end);
    if (f.fix) edits(f.fix.edits);
    if (f.suggestions) for (const sg of f.suggestions) edits(sg.edits);
  }
  return r;
}

function sameFact(old: FactValue, now: FactValue, hunks: Hunk[]): boolean {
  if (old.data !== now.data) return false;
  const a = old.ranges ?? [];
  const b = now.ranges ?? [];
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 2) {
    if (!rangeUnchanged(a[i], a[i + 1], hunks)) return false;
    if (mapOffset(a[i], hunks) !== b[i] || mapOffset(a[i + 1], hunks) !== b[i + 1]) return false;
  }
  return true;
}

/** A copy of a finding with this file's offsets mapped (undefined when one falls in the changed text). */
function copyFinding(f: Finding, file: string, map: (o: number) => number | undefined, starts: number[]): Finding | undefined {
  let ok = true;
  const m = (o: number): number => {
    const r = map(o);
    if (r === undefined) {
      ok = false;
      return o;
    }
    return r;
  };
  const edit = (x: TextEdit): TextEdit => (x.file === file ? { ...x, start: m(x.start), end: m(x.end) } : { ...x });
  const start = m(f.start);
  const end = m(f.end);
  const out: Finding = { ...f, start, end, range: toRange(starts, start, end) };
  if (f.related) out.related = f.related.map((r) => {
    if (r.file !== file) return { ...r, range: { start: { ...r.range.start }, end: { ...r.range.end } } };
    const s = m(r.start);
    const e = m(r.end);
    return { ...r, start: s, end: e, range: toRange(starts, s, e) };
  });
  if (f.fix) out.fix = { ...f.fix, edits: f.fix.edits.map(edit) };
  if (f.suggestions) out.suggestions = f.suggestions.map((s) => ({ ...s, edits: s.edits.map(edit) }));
  return ok ? out : undefined;
}

/** A deep copy of a kept finding (its offsets and ranges are already those of the current text). */
function cloneFinding(f: Finding): Finding {
  const range = (r: Finding['range']): Finding['range'] => ({ start: { ...r.start }, end: { ...r.end } });
  const out: Finding = { ...f, range: range(f.range) };
  if (f.related) out.related = f.related.map((r) => ({ ...r, range: range(r.range) }));
  if (f.fix) out.fix = { ...f.fix, edits: f.fix.edits.map((x) => ({ ...x })) };
  if (f.suggestions) out.suggestions = f.suggestions.map((s) => ({ ...s, edits: s.edits.map((x) => ({ ...x })) }));
  return out;
}

function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.ruleId}:${f.start}:${f.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface FixOptions extends AnalyzeOptions {
  /** Also apply the first suggestion of findings that have no safe fix. */
  suggestions?: boolean;
}
export interface FixResult {
  output: string;
  /** Findings whose edits were applied. */
  applied: Finding[];
  /** Findings left after fixing (analysed on the output). */
  remaining: Finding[];
  /** Set when a round of fixes would not parse; output is then the last good text. */
  refused?: string;
  problems: InputProblem[];
}

/** Applies safe fixes (and, if asked, suggestions) until nothing changes; never returns text that does not parse. */
export function fixText(fileName: string, text: string, options: FixOptions = {}): FixResult {
  let current = text;
  const applied: Finding[] = [];
  let refused: string | undefined;
  let result = analyze(fileName, current, options);
  const problems = result.problems;
  const baseErrors = parseErrorCount(fileName, text);
  for (let pass = 0; pass < 10; pass++) {
    const chosen: TextEdit[][] = [];
    const chosenFindings: Finding[] = [];
    for (const f of result.findings) {
      const edits = f.fix?.edits ?? (options.suggestions ? f.suggestions?.[0]?.edits : undefined);
      if (!edits || !edits.length) continue;
      const own = edits.filter((e) => e.file === fileName);
      if (own.length !== edits.length) continue; // edits in other files are the other file's business
      if (chosen.some((c) => editsOverlap(c, own))) continue;
      chosen.push(own);
      chosenFindings.push(f);
    }
    if (!chosen.length) break;
    const next = applyEdits(current, chosen.flat());
    if (parseErrorCount(fileName, next) > baseErrors) {
      refused = `the fixed text of ${fileName} would not parse; fixes not applied`;
      break;
    }
    if (next === current) break;
    applied.push(...chosenFindings);
    current = next;
    result = analyze(fileName, current, options);
  }
  return { output: current, applied, remaining: result.findings, refused, problems };
}

function parseErrorCount(fileName: string, text: string): number {
  try {
    return parseErrors(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindFor(fileName))).length;
  } catch {
    return Number.POSITIVE_INFINITY; // too deep to parse: never "better" than the input
  }
}
