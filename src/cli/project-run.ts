/**
 * What `check` and `fix` share: config, file discovery, reading every file once, and picking
 * the files worth handing to the engine (prefilter plus the files that import them).
 */
import * as path from 'node:path';
import { RULE_IDS, type AnalyzeOptions, type RuleId, type RuleSetting } from '../core/types';
import { discoverFiles, type DiscoverNote } from '../project/discover';
import { loadConfig, type LoadedConfig } from '../project/config';
import { DiskSourceHost } from '../project/host';
import { readSourceFiles, type SourceFile } from '../project/read';
import { filesReachingFront, filesToAnalyse, mayReachFront, scanImportSpecifiers, type ClosureInput } from '../project/imports';
import { frontHostsOf, mightNameFront, mightReportAlone } from '../core/prefilter';
import { SOURCE_EXTENSIONS } from '../project/extensions';
import { UsageError } from './args';
import { loadPrefilter } from './engine';
import { capYoungGeneration } from './young-generation';

export interface RunSettings {
  cwd: string;
  paths: string[];
  configFile?: string;
  /** `--rule ID=SEVERITY` arguments, applied over the config's rules. */
  ruleArgs: string[];
  /** Compute content hashes while reading (the result cache). */
  hash?: boolean;
  /**
   * Called while files are read, each time one more passes the prefilter (with the discovered files):
   * a big run can start its worker threads, which load the engine, while the rest is still being read.
   */
  onCandidate?: (count: number, context: CandidateContext) => void;
}

/** What is known when the first files pass the prefilter: enough to start workers. */
export interface CandidateContext {
  discovered: readonly string[];
  rules: Partial<Record<RuleId, RuleSetting>>;
  frontBaseUrls: string[];
  passThroughProxies?: string[];
}

export interface PreparedRun {
  config: LoadedConfig;
  host: DiskSourceHost;
  /** Everything discovered, in path order, read once. */
  sources: SourceFile[];
  /** Readable files to analyse, in path order. */
  selected: SourceFile[];
  notes: DiscoverNote[];
  /** Folders (and named paths) that could not be read: errors, reported by name and reason. */
  pathProblems: DiscoverNote[];
  /** Temporary files of `fix` found while walking. */
  tempFiles: string[];
  options: AnalyzeOptions & { host: DiskSourceHost };
  /** Milliseconds spent in each step (the --debug line). */
  timings: { listing: number; reading: number; selecting: number };
}

const SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error'];

export function parseRuleArgs(args: readonly string[]): Partial<Record<RuleId, RuleSetting>> {
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  for (const arg of args) {
    const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(arg);
    if (!m) throw new UsageError(`--rule expects ID=off|warning|error, got "${arg}"`);
    const [, id, setting] = m;
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--rule: unknown rule "${id}" (known rules: ${RULE_IDS.join(', ')})`);
    if (!SETTINGS.includes(setting as RuleSetting)) throw new UsageError(`--rule ${id}: severity must be off, warning or error, got "${setting}"`);
    rules[id as RuleId] = setting as RuleSetting;
  }
  return rules;
}

/** The paths the run checks: their workspaces (found upwards from each; a file's from its folder) are the run's. */
function workspaceProbeDirs(settings: RunSettings): string[] {
  return [...new Set((settings.paths.length ? settings.paths : ['.']).map((p) => path.resolve(settings.cwd, p)))];
}

/**
 * Said on stderr when a run found no file to check: a wrong folder, or a project of only `.vue` files,
 * should not read like a clean bill of health.
 */
export function noFilesWarning(run: PreparedRun, paths: readonly string[]): string | undefined {
  if (run.sources.length || run.pathProblems.length) return undefined;
  const where = paths.length ? paths.join(', ') : '.';
  return `front-contacts: warning: no ${SOURCE_EXTENSIONS.join(' ')} files found in ${where}; nothing was checked\n`;
}

export async function prepareRun(settings: RunSettings): Promise<PreparedRun> {
  capYoungGeneration(); // a run on the main thread from here on: see young-generation.ts
  const cliRules = parseRuleArgs(settings.ruleArgs);
  const config = loadConfig({ cwd: settings.cwd, configFile: settings.configFile });
  const t0 = performance.now();
  const discovered = await discoverFiles(settings.paths, { cwd: settings.cwd, ignore: config.ignoreRules });
  if (discovered.missing.length) throw new UsageError(`no such file or directory: ${discovered.missing.join(', ')}`);

  // No file keeps its text while the selection runs: each keeps its import specifiers and what the selection's
  // tests said of it (bounded memory on big repositories, and no texts for the garbage collector to copy along);
  // the chosen files are read again at the end, and the host reads from disk any other file the engine follows.
  const prefilter = await loadPrefilter();
  const rules = { ...config.config.rules, ...cliRules };
  const context: CandidateContext = { discovered: discovered.files, rules, frontBaseUrls: config.config.frontBaseUrls, passThroughProxies: config.config.passThroughProxies };
  const frontHosts = frontHostsOf(config.config.frontBaseUrls);
  const namesFront = (text: string) => mightNameFront(text, frontHosts);
  let candidates = 0;
  const matches = (text: string) => {
    const k = prefilter(text);
    // Workers start early only for files sure to be analysed: they match and name Front themselves.
    if (k && settings.onCandidate && (mightReportAlone(text) || namesFront(text))) settings.onCandidate(++candidates, context);
    return k;
  };
  const marks = { matches, alone: mightReportAlone, namesFront };
  // lossy: a file with a stray Latin-1 byte is analysed (bad bytes read as U+FFFD); `fix` never writes it.
  const t1 = performance.now();
  const sources = await readSourceFiles(discovered.files, undefined, { hash: settings.hash, keep: () => false, summary: scanImportSpecifiers, marks, sync: true, lossy: true });
  const t2 = performance.now();
  const host = new DiskSourceHost(discovered.files, { hashes: settings.hash });
  for (const p of discovered.projectFiles) host.setProjectFiles(p.root, p.files);
  const readable: ClosureInput[] = [];
  for (const s of sources) {
    if (s.dropped) {
      readable.push({ file: s.file, specifiers: s.dropped, ...s.marks });
      host.setImportSpecifiers(s.file, s.dropped);
      continue;
    }
    // unreadable (no text is kept while selecting): the host knows it has none
    host.setText(s.file, s.text, s.hash);
  }
  const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
  // Two conditions: the file or what it imports may hold a contact URL (mightMatch, then the importers of
  // those files), and it or what it imports names Front (or it has what rules report on without Front: Front Chat, ignore comments).
  // Workspace packages imported by name whose folder is named otherwise (packages/sdk is @acme/front-sdk).
  const frontReach = { names: namesFront, always: mightReportAlone, read: (f: string) => host.readFile(f) };
  // Nothing reaches Front (an application without Front code): no file can get a finding, no import graph to build.
  const reachable = readable.length > 0 && mayReachFront(readable, resolve, frontReach, (folder) => host.bareImportScope(folder));
  const packageNames = reachable ? host.workspacePackageStems(workspaceProbeDirs(settings)) : [];
  const matching = reachable ? filesToAnalyse(readable, prefilter, resolve, packageNames) : new Set<string>();
  const chosen = matching.size
    ? filesReachingFront(readable, matching, resolve, frontReach)
    : matching;
  // The chosen files, read again (one pass on this thread, like the first).
  const chosenSources = sources.filter((s) => s.dropped && chosen.has(s.file));
  const again = await readSourceFiles(
    chosenSources.map((s) => s.file),
    undefined,
    { hash: settings.hash, sync: true, lossy: true },
  );
  chosenSources.forEach((s, i) => {
    Object.assign(s, again[i]);
    host.setText(s.file, s.text, s.hash);
  });
  for (const s of sources) {
    s.dropped = undefined;
    s.marks = undefined;
  }
  const selected = sources.filter((s) => s.text !== undefined && chosen.has(s.file));
  return {
    config,
    host,
    sources,
    selected,
    notes: discovered.notes,
    pathProblems: discovered.problems,
    tempFiles: discovered.tempFiles,
    timings: { listing: t1 - t0, reading: t2 - t1, selecting: performance.now() - t2 },
    options: {
      rules,
      frontBaseUrls: config.config.frontBaseUrls,
      passThroughProxies: config.config.passThroughProxies,
      host,
    },
  };
}
