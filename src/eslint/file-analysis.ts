/**
 * The engine's result for one linted file, computed once and shared by the plugin's seven rules.
 *
 * ESLint runs every enabled rule on a file, each through its own create(); the engine finds every
 * rule's problems in one analysis. So the first rule that asks analyses the file (with the project's
 * config and the disk host the CLI uses for cross-file resolution) and the others read the stored
 * result, keyed by file name + text + config: a `--fix` pass that changed the text analyses again.
 *
 * The host caches what it read from other files. ESLint has no "end of run" signal, so a lint session
 * ends when no file was linted for a moment (IDLE_MS): the next file starts a fresh host and result
 * cache, so a long-running ESLint (an editor's server) sees edits made to imported files meanwhile.
 */
import * as path from 'node:path';
import { analyze, type AnalyzeResult } from '../core/index';
import { emptyConfig, findConfigFile, loadConfigFile, type LoadedConfig } from '../project/config';
import { DiskSourceHost } from '../project/host';
import { isIgnoredWithParents } from '../project/ignore';
import { forgetProjectFiles, projectFiles, projectRootFor } from './project-files';

/** Longer than the gap between two files of one `eslint .` run, shorter than an editor user's pause. */
const IDLE_MS = 2000;

/** `settings: { 'front-contacts': { configFile } }` in the ESLint config: like the CLI's `--config`. */
export const SETTINGS_KEY = 'front-contacts';
export interface PluginSettings {
  /** The front-contacts config (a front-contacts.config.json, or a package.json with "frontContacts"), relative to ESLint's cwd. */
  configFile?: string;
}

interface Session {
  /** One host per folder its importers are searched under (project-files.ts). */
  hosts: Map<string, DiskSourceHost>;
  /** Per analysed file: the text and config it was analysed with, and the result. */
  results: Map<string, { text: string; config: LoadedConfig; result: AnalyzeResult }>;
  /** Config per folder (nearest config file above it), and per config file. */
  configByDir: Map<string, LoadedConfig>;
  configByFile: Map<string, LoadedConfig>;
  lastUsed: number;
}

let session: Session | undefined;

/** How many times the engine ran (tests: once per file and text, whatever the number of rules). */
export const lintStats = { analyses: 0 };

function currentSession(now: number): Session {
  if (!session || now - session.lastUsed > IDLE_MS)
    session = { hosts: new Map(), results: new Map(), configByDir: new Map(), configByFile: new Map(), lastUsed: now };
  session.lastUsed = now;
  return session;
}

/** Forgets every cached text, config and result (tests; a caller that knows files changed). */
export function resetLintSession(): void {
  session = undefined;
  forgetProjectFiles();
}

function hostFor(s: Session, file: string, cwd: string, now: number): DiskSourceHost {
  const root = projectRootFor(file, cwd);
  let host = s.hosts.get(root);
  if (!host) s.hosts.set(root, (host = new DiskSourceHost(projectFiles(root, now))));
  return host;
}

function configFromFile(s: Session, file: string): LoadedConfig {
  let cfg = s.configByFile.get(file);
  // A broken config throws ConfigError (file and every problem): ESLint shows it, as the CLI exits 2.
  if (!cfg) s.configByFile.set(file, (cfg = loadConfigFile(file)));
  return cfg;
}

/** The CLI's config for a file: `configFile` when set, else the nearest config above the file's folder. */
function configFor(s: Session, fileName: string, settings: PluginSettings, cwd: string): LoadedConfig {
  if (settings.configFile) return configFromFile(s, path.resolve(cwd, settings.configFile));
  const dir = path.dirname(fileName);
  let cfg = s.configByDir.get(dir);
  if (!cfg) {
    const file = findConfigFile(dir);
    cfg = file ? configFromFile(s, file) : { config: emptyConfig(), ignoreRules: [] };
    s.configByDir.set(dir, cfg);
  }
  return cfg;
}

export interface LintInput {
  /** The file ESLint lints (absolute; a virtual name such as `doc.md/0.js` for a code block). */
  fileName: string;
  /** ESLint's text of it (BOM removed, like the CLI's). */
  text: string;
  cwd: string;
  settings?: unknown;
}

const NOTHING: AnalyzeResult = { findings: [], problems: [] };

function pluginSettings(settings: unknown): PluginSettings {
  const own = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_KEY] : undefined;
  if (!own || typeof own !== 'object') return {};
  const configFile = (own as Record<string, unknown>).configFile;
  if (configFile !== undefined && typeof configFile !== 'string') throw new Error(`settings["${SETTINGS_KEY}"].configFile must be a string`);
  return { configFile };
}

/** The engine's findings for the file, as `front-contacts check` reports them (config `ignore` and `off` rules included). */
export function analyseForLint(input: LintInput, now = Date.now()): AnalyzeResult {
  const s = currentSession(now);
  const fileName = path.resolve(input.cwd, input.fileName);
  const loaded = configFor(s, fileName, pluginSettings(input.settings), input.cwd);
  const cached = s.results.get(fileName);
  if (cached && cached.text === input.text && cached.config === loaded) return cached.result;
  let result = NOTHING;
  // The config's `ignore` globs leave a file out of the CLI's run: it gets no findings here either.
  if (!isIgnoredWithParents(loaded.ignoreRules, fileName, false)) {
    // Files that import this one see the text ESLint lints (an unsaved buffer, a --fix pass), as the editor does.
    lintStats.analyses++;
    const host = hostFor(s, fileName, path.resolve(input.cwd), now);
    host.setText(fileName, input.text);
    const { rules, frontBaseUrls, passThroughProxies } = loaded.config;
    result = analyze(fileName, input.text, { rules, frontBaseUrls, passThroughProxies, host });
  }
  s.results.set(fileName, { text: input.text, config: loaded, result });
  return result;
}
