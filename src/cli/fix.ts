/**
 * `front-contacts fix [paths…]`: applies every safe fix (and with --suggestions, suggestions
 * too) through the engine's fixText, which refuses output that does not parse. Writes are
 * atomic and skip files edited since we read them; --dry-run prints a unified diff instead.
 */
import type { Finding } from '../core/types';
import { FileChangedError, ReadOnlyFileError, removeStaleTempFiles, writeFileAtomic } from '../project/write';
import { BOM, LOSSY_NOT_WRITTEN } from '../project/read';
import { ImportGraph } from '../project/deps';
import type { FileTask, FixOutcome } from './analyse-one';
import { flag, formatHelp, optionValues, optionValue, parseArgs, UsageError, type OptionSpec } from './args';
import { debugLine, wantsDebug } from './debug';
import { cliLoadLine, tsLoadLine } from './ts-load-info';
import { EarlyWorkers, EngineRunner, parseWorkerCount } from './engine-runner';
import { WORKER_THRESHOLD } from './pool';
import type { Io } from './io';
import { noFilesWarning, prepareRun } from './project-run';
import { byPosition, displayPath } from './report';
import { unifiedDiff } from './formats/diff';

export const FIX_OPTIONS: readonly OptionSpec[] = [
  { name: 'suggestions', help: 'also apply suggestions (edits to review), not only safe fixes' },
  { name: 'dry-run', help: 'print a unified diff of the changes to stdout and write nothing' },
  { name: 'format', value: 'text|json', help: 'text (default): messages and a summary on stderr; json: also, on stdout, the files changed,\nskipped (with the reason) and left with unfixable findings' },
  { name: 'rule', value: 'ID=off|warning|error', repeatable: true, help: "set a rule's severity, over the config (off: do not fix it)" },
  { name: 'config', value: 'FILE', help: 'use FILE instead of the nearest front-contacts.config.json / package.json "frontContacts"' },
  { name: 'workers', value: 'N', help: `compute fixes in N worker threads, 0 for none (default: one per core, up to 4, when more than\n${WORKER_THRESHOLD} files need analysing; also FRONT_CONTACTS_WORKERS)` },
  { name: 'debug', help: 'say on stderr how many files were analysed, and on how many threads (also FRONT_CONTACTS_DEBUG=1)' },
  { name: 'help', help: 'show this help' },
];

export const FIX_HELP = formatHelp(
  'front-contacts fix [options] [paths…]',
  'Applies the safe fixes for the findings of `front-contacts check`.\n' +
    'Files are written atomically; a file changed on disk while we ran is skipped.\n' +
    'Prints "N fixed, M files changed, K remaining" on stderr. Read-only files and files that are\n' +
    'not valid UTF-8 are not written (said per file).\n' +
    'Exit status: 0 nothing left at error level, 1 findings remain or a file was skipped, 2 usage or internal error.',
  FIX_OPTIONS,
);

/** The engine may insert `\n`; a file written with CRLF throughout stays CRLF throughout. */
export function keepLineEndings(original: string, fixed: string): string {
  const crlf = original.includes('\r\n') && !/(^|[^\r])\n/.test(original);
  return crlf ? fixed.replace(/\r?\n/g, '\r\n') : fixed;
}

/** Why a fixed file was not written, for the per-file message. */
function writeFailure(e: unknown): string {
  if (e instanceof FileChangedError) return 'skipped: changed on disk since it was read';
  if (e instanceof ReadOnlyFileError) return 'skipped: read-only file (no write permission); left as it is';
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'skipped: deleted since it was read';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `not written: permission denied (${code})`;
  if (code === 'ENOSPC') return 'not written: no space left on the device';
  return `could not write: ${(e as Error).message}`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `fix --format json`: what happened to each file, for scripts and CI steps. File paths are absolute. */
export interface FixJsonReport {
  dryRun: boolean;
  fixed: number;
  filesChanged: number;
  remaining: number;
  /** Written (or, with --dry-run, would be): how many fixes each got; with --dry-run, the diff. */
  changed: { filePath: string; fixed: number; diff?: string }[];
  /** Not read, or not written, and why (the same sentence as on stderr). */
  skipped: { filePath: string; reason: string }[];
  /** Findings left after fixing (no safe fix, or the file was not written), as in `check --format json`. */
  unfixable: { filePath: string; findings: Finding[] }[];
  /** Syntax errors and the like: the parts that parsed were still fixed. */
  problems: { filePath: string; message: string; line?: number; column?: number }[];
}

const FIX_FORMATS = ['text', 'json'] as const;

export async function runFix(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FIX_OPTIONS);
  if (flag(args, 'help')) {
    io.stdout.write(FIX_HELP);
    return 0;
  }
  const dryRun = flag(args, 'dry-run');
  const format = optionValue(args, 'format') ?? 'text';
  if (!(FIX_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FIX_FORMATS.join(', ')}, got "${format}"`);
  const json: FixJsonReport | undefined = format === 'json' ? { dryRun, fixed: 0, filesChanged: 0, remaining: 0, changed: [], skipped: [], unfixable: [], problems: [] } : undefined;
  const suggestions = flag(args, 'suggestions');
  const workers = parseWorkerCount(optionValue(args, 'workers'), '--workers') ?? parseWorkerCount(io.env.FRONT_CONTACTS_WORKERS, 'FRONT_CONTACTS_WORKERS');
  const debug = wantsDebug(flag(args, 'debug'), io.env);
  const started = performance.now();
  const early = new EarlyWorkers('fix', workers, (c) => ({ rules: c.rules, frontBaseUrls: c.frontBaseUrls, passThroughProxies: c.passThroughProxies, suggestions }));
  const run = await prepareRun({
    cwd: io.cwd,
    paths: args.positionals,
    configFile: optionValue(args, 'config'),
    ruleArgs: optionValues(args, 'rule'),
    onCandidate: (n, c) => early.candidateFound(n, c),
  });
  const say = (file: string, message: string) => io.stderr.write(`front-contacts: ${displayPath(io.cwd, file)}: ${message}\n`);
  const skip = (file: string, reason: string) => {
    say(file, reason);
    json?.skipped.push({ filePath: file, reason });
  };
  for (const note of run.notes) skip(note.file, note.message);
  const noFiles = noFilesWarning(run, args.positionals);
  if (noFiles) io.stderr.write(noFiles);
  if (!dryRun) {
    // Temporary files of a run that was killed before it could rename or remove them.
    for (const t of await removeStaleTempFiles(run.tempFiles)) say(t, 'removed a temporary file left by an interrupted run');
  }

  let trouble = false;
  let internalFailure = false;
  // Folders we could not read, then files, in path order.
  for (const p of run.pathProblems) {
    skip(p.file, p.message);
    trouble = true;
  }
  for (const s of run.sources)
    if (s.problem) {
      skip(s.file, s.problem);
      trouble = true;
    }

  let fixed = 0;
  let changedFiles = 0;
  const remaining: Finding[] = [];
  const tasks: FileTask[] = run.selected.map((s) => ({ file: s.file, text: s.text! }));
  const runner = new EngineRunner({
    kind: 'fix',
    settings: { rules: run.options.rules, frontBaseUrls: run.options.frontBaseUrls, passThroughProxies: run.options.passThroughProxies, suggestions },
    host: run.host,
    knownFiles: run.sources.map((s) => s.file),
    hashes: false,
    workers,
    pool: early.pool,
  });
  const outcome = runner.start(tasks);
  // With workers, a file's fix was computed against the files as they were before this run. Done on one
  // thread, files fixed earlier (in path order) are seen fixed: when one of them is in the file's import
  // closure, its fix is computed again here, so the result never depends on the number of threads.
  const graph = runner.workersUsed ? new ImportGraph(run.host) : undefined;
  const written = new Set<string>();
  let recomputed = 0;
  for (let k = 0; k < tasks.length; k++) {
    const s = run.selected[k];
    const text = tasks[k].text;
    let o: FixOutcome = await outcome(k);
    if (graph) {
      graph.addEdges(o.edges);
      graph.addReads(s.file, o.reads.map(([f]) => f));
      if (written.size && [...graph.closure([s.file])].some((f) => f !== s.file && written.has(f))) {
        o = await runner.runHere(tasks[k]);
        recomputed++;
      }
    }
    if (!o.result) {
      say(s.file, `internal error while fixing: ${o.error}`);
      internalFailure = true;
      continue;
    }
    const result = o.result;
    const left = result.remaining.filter((f) => run.options.rules?.[f.ruleId] !== 'off');
    // Syntax errors and the like: the parts that parsed are still fixed, but the user must know.
    for (const p of [...(result.problems ?? [])].sort(byPosition)) {
      say(s.file, p.range ? `${p.range.start.line}:${p.range.start.column}: ${p.message}` : p.message);
      json?.problems.push({ filePath: s.file, message: p.message, ...(p.range ? { line: p.range.start.line, column: p.range.start.column } : {}) });
      trouble = true;
    }
    // A refused round leaves the output at the last text that parsed (possibly the input).
    if (result.refused) {
      say(s.file, `fix not applied: ${result.refused}`);
      json?.problems.push({ filePath: s.file, message: `fix not applied: ${result.refused}` });
    }
    if (result.output === text) {
      remaining.push(...left);
      continue;
    }
    if (s.lossy) {
      // Its invalid bytes were read as U+FFFD: writing the fixed text would replace them.
      skip(s.file, LOSSY_NOT_WRITTEN);
      trouble = true;
      remaining.push(...result.applied, ...left);
      continue;
    }
    const output = keepLineEndings(text, result.output);
    const prefix = s.bom ? BOM : '';
    if (dryRun) {
      const diff = unifiedDiff(displayPath(io.cwd, s.file), prefix + text, prefix + output);
      if (json) json.changed.push({ filePath: s.file, fixed: result.applied.length, diff });
      else io.stdout.write(diff);
    } else {
      try {
        await writeFileAtomic(s.file, Buffer.from(prefix + output, 'utf8'), Buffer.from(prefix + text, 'utf8'));
      } catch (e) {
        skip(s.file, writeFailure(e));
        trouble = true;
        // Nothing was applied to this file: what it had is what is left.
        remaining.push(...result.applied, ...left);
        continue;
      }
      json?.changed.push({ filePath: s.file, fixed: result.applied.length });
      // Files analysed later see the fixed text through imports.
      run.host.setText(s.file, output);
      graph?.forget(s.file);
      written.add(s.file);
    }
    fixed += result.applied.length;
    changedFiles++;
    remaining.push(...left);
  }
  if (debug) {
    debugLine(io, `${plural(run.sources.length, 'file')}, ${run.selected.length} selected, ${tasks.length} analysed, ${runner.workersUsed} worker thread${runner.workersUsed === 1 ? '' : 's'}, ${recomputed} recomputed after an import was fixed, ${Math.round(performance.now() - started)} ms`);
    for (const f of runner.fallbacks) debugLine(io, `${displayPath(io.cwd, f.file)}: fixed on the main thread: ${f.reason}`);
    const cliLine = cliLoadLine();
    if (cliLine) debugLine(io, cliLine);
    const tsLine = tsLoadLine();
    if (tsLine) debugLine(io, tsLine);
  }

  // Path order, then line order within each file (a file not written lists its applied fixes too).
  remaining.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  for (const f of remaining)
    io.stderr.write(`${displayPath(io.cwd, f.file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message} ${f.ruleId}\n`);
  io.stderr.write(`${fixed} fixed, ${plural(changedFiles, 'file')} changed, ${remaining.length} remaining${dryRun ? ' (dry run: nothing written)' : ''}\n`);
  if (json) {
    Object.assign(json, { fixed, filesChanged: changedFiles, remaining: remaining.length });
    for (const f of remaining) {
      const last = json.unfixable[json.unfixable.length - 1];
      if (last?.filePath === f.file) last.findings.push(f);
      else json.unfixable.push({ filePath: f.file, findings: [f] });
    }
    const byPath = (a: { filePath: string }, b: { filePath: string }) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0);
    json.skipped.sort(byPath);
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
  }
  if (internalFailure) return 2;
  return trouble || remaining.some((f) => f.severity === 'error') ? 1 : 0;
}
