// The engine's entry points: analyze one file's text, fix one file's text.
import { ts, parseErrors, scriptKindFor } from './ts';
import { Project, FileContext } from './files';
import { RuleRun } from './run';
import type { AnalyzeOptions, AnalyzeResult, Finding, InputProblem, RuleId, Severity, TextEdit } from './types';
import { applyEdits, editsOverlap } from './edits';
import { RULES } from './rules/registry';
import { ALL_RULES } from './rules';
import { applySuppressions } from './suppressions';
import { cachedLineStarts, toRange } from './positions';

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
  const run = new RuleRun(ctx, options, sev);
  for (const rule of ALL_RULES) {
    // HTTP rules run on every file the caller asks about: a file may build a Front URL entirely from
    // imported pieces. mightApply only skips rules whose trigger must be written in the file itself.
    if (!sev.has(rule.id) || !rule.mightApply(text)) continue;
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
  const findings = dedupe(run.findings).sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const sup = applySuppressions(ctx.sf, findings, options.reportUnusedIgnores === true);
  return { findings: sup.kept, problems: [...problems, ...sup.problems] };
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
