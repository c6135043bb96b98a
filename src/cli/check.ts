/**
 * `front-contacts check [paths…]`: reports findings. Exit 0 when there is no error-level
 * finding, no file problem and no more warnings than --max-warnings; 1 otherwise; 2 for
 * usage errors, bad config, or when the tool itself failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ImportGraph } from '../project/deps';
import type { EngineSettings, FileTask } from './analyse-one';
import { flag, formatHelp, optionValue, optionValues, parseArgs, UsageError, type OptionSpec } from './args';
import { cacheKey, DEFAULT_CACHE_FILE, resolveCacheLocation, ResultCache, type CachedResult } from './cache';
import { debugLine, wantsDebug } from './debug';
import { cliLoadLine, tsLoadLine } from './ts-load-info';
import { EarlyWorkers, EngineRunner, parseWorkerCount } from './engine-runner';
import { WORKER_THRESHOLD } from './pool';
import { wantsColor, type Io } from './io';
import { noFilesWarning, prepareRun } from './project-run';
import { byPosition, countFindings, displayPath, type CheckReport, type FileReport } from './report';
import { formatText, plural } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatGithub } from './formats/github';
import { formatRdjson } from './formats/rdjson';
import { TOOL_VERSION } from './version';

export const CHECK_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', value: 'text|json|sarif|github|rdjson', help: 'output format (default: text; colours only on a terminal, never with NO_COLOR;\nrdjson: reviewdog -f=rdjson, safe fixes as suggestions)' },
  { name: 'output', value: 'FILE', help: 'write the report to FILE instead of stdout' },
  { name: 'rule', value: 'ID=off|warning|error', repeatable: true, help: "set a rule's severity, over the config" },
  { name: 'max-warnings', value: 'N', help: 'exit 1 when there are more than N warnings, N >= 0 (default: no limit)' },
  { name: 'config', value: 'FILE', help: 'use FILE instead of the nearest front-contacts.config.json / package.json "frontContacts"' },
  { name: 'quiet', help: 'report errors only (warnings still count for --max-warnings)' },
  { name: 'report-unused-ignores', help: 'report front-contacts-ignore-next-line comments that suppress nothing' },
  { name: 'cache', help: 'reuse the results of files that did not change, nor any file they import, since the last --cache run' },
  { name: 'cache-location', value: 'FILE', help: `the cache file (default: ${DEFAULT_CACHE_FILE} in the working folder; for a folder, that name inside it)` },
  { name: 'workers', value: 'N', help: `analyse in N worker threads, 0 for none (default: one per core, up to 4, when more than\n${WORKER_THRESHOLD} files need analysing; also FRONT_CONTACTS_WORKERS)` },
  { name: 'debug', help: 'say on stderr how many files were selected, analysed and taken from the cache (also FRONT_CONTACTS_DEBUG=1)' },
  { name: 'help', help: 'show this help' },
];

export const CHECK_HELP = formatHelp(
  'front-contacts check [options] [paths…]',
  'Finds code that breaks when Front migrates team contacts to company-wide contacts.\n' +
    'Paths default to "."; folders are searched for .js .cjs .mjs .jsx .ts .cts .mts .tsx files,\n' +
    'skipping .git, node_modules and git-ignored files.\n' +
    'Exit status: 0 no errors, 1 findings or unreadable files, 2 usage or internal error.',
  CHECK_OPTIONS,
);

const FORMATS = ['text', 'json', 'sarif', 'github', 'rdjson'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, CHECK_OPTIONS);
  if (flag(args, 'help')) {
    io.stdout.write(CHECK_HELP);
    return 0;
  }
  const format = (optionValue(args, 'format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  const maxWarningsArg = optionValue(args, 'max-warnings');
  let maxWarnings = -1;
  if (maxWarningsArg !== undefined) {
    if (!/^\d+$/.test(maxWarningsArg)) throw new UsageError(`--max-warnings expects a number >= 0, got "${maxWarningsArg}"`);
    maxWarnings = Number(maxWarningsArg);
  }
  const quiet = flag(args, 'quiet');
  const outputFile = optionValue(args, 'output');

  const useCache = flag(args, 'cache');
  const cacheLocation = optionValue(args, 'cache-location');
  if (cacheLocation !== undefined && !useCache) throw new UsageError('--cache-location needs --cache');
  const workers = parseWorkerCount(optionValue(args, 'workers'), '--workers') ?? parseWorkerCount(io.env.FRONT_CONTACTS_WORKERS, 'FRONT_CONTACTS_WORKERS');
  const debug = wantsDebug(flag(args, 'debug'), io.env);
  const started = performance.now();

  const reportUnusedIgnores = flag(args, 'report-unused-ignores');
  // Without the cache every file that passes the prefilter is analysed: workers can start while reading.
  const early = new EarlyWorkers('check', workers, (c) => ({ rules: c.rules, frontBaseUrls: c.frontBaseUrls, passThroughProxies: c.passThroughProxies, reportUnusedIgnores }));
  const run = await prepareRun({
    cwd: io.cwd,
    paths: args.positionals,
    configFile: optionValue(args, 'config'),
    ruleArgs: optionValues(args, 'rule'),
    hash: useCache,
    onCandidate: useCache ? undefined : (n, c) => early.candidateFound(n, c),
  });
  for (const note of run.notes) io.stderr.write(`front-contacts: ${displayPath(io.cwd, note.file)}: ${note.message}\n`);
  const noFiles = noFilesWarning(run, args.positionals);
  if (noFiles) io.stderr.write(noFiles);

  const reports = new Map<string, FileReport>();
  const reportFor = (file: string) => {
    let r = reports.get(file);
    if (!r) reports.set(file, (r = { file, findings: [], problems: [] }));
    return r;
  };
  for (const s of run.sources) if (s.problem) reportFor(s.file).problems.push({ file: s.file, message: s.problem });
  for (const p of run.pathProblems) reportFor(p.file).problems.push({ file: p.file, message: p.message });

  const settings: EngineSettings = { rules: run.options.rules, frontBaseUrls: run.options.frontBaseUrls, passThroughProxies: run.options.passThroughProxies, reportUnusedIgnores };
  const cache = useCache ? ResultCache.load(resolveCacheLocation(io.cwd, cacheLocation), cacheKey(TOOL_VERSION, settings)) : undefined;
  if (debug && cache?.discarded) debugLine(io, `cache ${displayPath(io.cwd, cache.location)} not used: ${cache.discarded}`);
  const probe = { hashOf: (f: string) => run.host.contentHash(f), resolve: (f: string, spec: string) => run.host.resolveImport(f, spec) };

  const results: (CachedResult & { internalError?: boolean })[] = new Array(run.selected.length);
  const todo: number[] = [];
  run.selected.forEach((s, i) => {
    const hit = cache?.lookup(s.file, probe);
    if (hit) results[i] = hit;
    else todo.push(i);
  });

  let internalFailure = false;
  const tasks: FileTask[] = todo.map((i) => ({ file: run.selected[i].file, text: run.selected[i].text!, hash: run.selected[i].hash }));
  const runner = new EngineRunner({ kind: 'check', settings, host: run.host, knownFiles: run.sources.map((s) => s.file), hashes: useCache, workers, pool: early.pool });
  const outcome = runner.start(tasks);
  const graph = cache ? new ImportGraph(run.host) : undefined;
  const analysed: { index: number; reads: [string, string | null][] }[] = [];
  for (let k = 0; k < tasks.length; k++) {
    const o = await outcome(k);
    results[todo[k]] = o;
    if (o.internalError) internalFailure = true;
    if (graph) {
      graph.addEdges(o.edges);
      graph.addReads(tasks[k].file, o.reads.map(([f]) => f));
      analysed.push({ index: todo[k], reads: o.reads });
    }
  }

  if (cache && graph) {
    for (const { index, reads } of analysed) {
      const file = run.selected[index].file;
      const r = results[index];
      // A file a worker read with other content than this thread saw changed during the run: not cached.
      const unstable = reads.some(([f, h]) => h !== null && h !== run.host.contentHash(f));
      if (r.internalError || unstable) cache.delete(file);
      else cache.store(file, r, graph.closure([file]), probe.hashOf, (f) => graph.importsOf(f));
    }
    for (const s of run.sources) if (s.problem) cache.delete(s.file);
    try {
      cache.save();
    } catch (e) {
      io.stderr.write(`front-contacts: could not write the cache ${displayPath(io.cwd, cache.location)}: ${(e as Error).message}\n`);
    }
  }
  if (debug) {
    debugLine(io, `${plural(run.sources.length, 'file')}, ${run.selected.length} selected, ${tasks.length} analysed, ${run.selected.length - tasks.length} from cache, ${runner.workersUsed} worker thread${runner.workersUsed === 1 ? '' : 's'}, ${Math.round(performance.now() - started)} ms (listing ${Math.round(run.timings.listing)}, reading ${Math.round(run.timings.reading)}, selecting ${Math.round(run.timings.selecting)})`);
    for (const f of runner.fallbacks) debugLine(io, `${displayPath(io.cwd, f.file)}: analysed on the main thread: ${f.reason}`);
    const cliLine = cliLoadLine();
    if (cliLine) debugLine(io, cliLine);
    const tsLine = tsLoadLine();
    if (tsLine) debugLine(io, tsLine);
  }

  run.selected.forEach((s, i) => {
    // Defensive: the engine applies severities, but `off` must never leak into a report.
    const findings = results[i].findings.filter((f) => settings.rules?.[f.ruleId] !== 'off');
    const problems = results[i].problems;
    if (findings.length || problems.length) {
      const r = reportFor(s.file);
      r.findings.push(...findings);
      r.problems.push(...problems);
    }
  });

  const all = [...reports.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const r of all) {
    r.findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : 1));
    r.problems.sort(byPosition);
  }
  const counts = countFindings(all);
  const shown = quiet ? all.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })).filter((r) => r.findings.length || r.problems.length) : all;
  const report: CheckReport = {
    cwd: io.cwd,
    files: shown,
    textOf: (file) => run.host.readFile(file),
    ...countFindings(shown),
    fileCount: run.sources.length,
  };

  let out: string;
  if (format === 'json') out = formatJson(report);
  else if (format === 'sarif') out = formatSarif(report, { version: TOOL_VERSION });
  else if (format === 'github') out = formatGithub(report);
  else if (format === 'rdjson') out = formatRdjson(report);
  else out = formatText(report, { color: !outputFile && wantsColor(io.stdout, io.env) });

  if (outputFile) {
    const target = path.resolve(io.cwd, outputFile);
    try {
      // Like a shell redirection into a fresh CI artifacts folder: create what is missing.
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, out);
    } catch (e) {
      io.stderr.write(`front-contacts: cannot write --output ${outputFile}: ${(e as Error).message}\n`);
      return 2;
    }
  } else io.stdout.write(out);

  // Machine formats keep stdout parseable; say on stderr what a person needs to know.
  if (format !== 'text') for (const r of all) for (const p of r.problems) io.stderr.write(`front-contacts: ${displayPath(io.cwd, p.file)}: ${p.message}\n`);
  const tooManyWarnings = maxWarnings >= 0 && counts.warningCount > maxWarnings;
  if (tooManyWarnings) {
    // --quiet hid them: without a word, exit 1 with a report showing nothing looks like a bug.
    const hidden = quiet ? `; --quiet hides warnings, but they count for --max-warnings: run without --quiet to see them` : '';
    io.stderr.write(`front-contacts: too many warnings (${counts.warningCount}, maximum ${maxWarnings})${hidden}\n`);
  }

  if (internalFailure) return 2;
  return counts.errorCount > 0 || counts.problemCount > 0 || tooManyWarnings ? 1 : 0;
}
