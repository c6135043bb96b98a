// The project's own configuration, as the CLI reads it: the nearest `front-contacts.config.json`
// (or a `"frontContacts"` key in package.json) above a file. Free of `vscode` for unit tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS, type RuleId, type RuleSetting } from '../core';

export const CONFIG_FILE = 'front-contacts.config.json';

export interface ProjectConfig {
  /** The file the settings came from (config file or package.json), absolute. */
  file: string;
  /** Folder the file lives in: `ignore` globs are relative to it. */
  dir: string;
  rules: Partial<Record<RuleId, RuleSetting>>;
  frontBaseUrls: string[];
  ignore: string[];
  /** What was wrong with the file (bad JSON, unknown rule...), in user words. The valid parts still apply. */
  errors: string[];
}

const SETTINGS: readonly string[] = ['off', 'warning', 'error'];

/** Validates a parsed config object; keeps what is valid and explains the rest. */
export function parseProjectConfig(raw: unknown, file: string): ProjectConfig {
  const cfg: ProjectConfig = { file, dir: path.dirname(file), rules: {}, frontBaseUrls: [], ignore: [], errors: [] };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    cfg.errors.push('the configuration must be a JSON object');
    return cfg;
  }
  const o = raw as Record<string, unknown>;
  if (o.rules !== undefined) {
    if (o.rules === null || typeof o.rules !== 'object' || Array.isArray(o.rules)) cfg.errors.push('"rules" must be an object');
    else
      for (const [id, v] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!(RULE_IDS as readonly string[]).includes(id)) cfg.errors.push(`unknown rule "${id}" in "rules"`);
        else if (typeof v !== 'string' || !SETTINGS.includes(v)) cfg.errors.push(`rule "${id}" must be "off", "warning" or "error"`);
        else cfg.rules[id as RuleId] = v as RuleSetting;
      }
  }
  for (const key of ['frontBaseUrls', 'ignore'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) cfg.errors.push(`"${key}" must be an array of strings`);
    else cfg[key] = v as string[];
  }
  return cfg;
}

/** Reads one candidate file: a config object, `null` when the file does not configure us, errors included. */
export function readProjectConfigFile(file: string, text: string): ProjectConfig | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    if (path.basename(file) === 'package.json') return null; // a broken package.json is not ours to report
    const cfg = parseProjectConfig({}, file);
    cfg.errors.push(`invalid JSON (${(e as Error).message})`);
    return cfg;
  }
  if (path.basename(file) === 'package.json') {
    const section = (json as Record<string, unknown> | null)?.frontContacts;
    return section === undefined ? null : parseProjectConfig(section, file);
  }
  return parseProjectConfig(json, file);
}

/**
 * Finds the nearest configuration above a file, never looking above `stopDir` (the workspace folder)
 * when one is given. Directory lookups are cached until `invalidate()`.
 */
export class ProjectConfigLoader {
  private byDir = new Map<string, ProjectConfig | null>();

  constructor(private readonly readText: (file: string) => string | undefined = defaultRead) {}

  forFile(fileName: string, stopDir?: string): ProjectConfig | null {
    let dir = path.dirname(fileName);
    const stop = stopDir ? path.resolve(stopDir) : undefined;
    const visited: string[] = [];
    let found: ProjectConfig | null = null;
    for (;;) {
      const key = `${stop ?? ''}\0${dir}`;
      if (this.byDir.has(key)) {
        found = this.byDir.get(key)!;
        break;
      }
      visited.push(key);
      found = this.inDir(dir);
      if (found) break;
      const parent = path.dirname(dir);
      if (parent === dir || (stop !== undefined && dir === stop) || (stop !== undefined && !isInside(dir, stop))) break;
      dir = parent;
    }
    for (const k of visited) this.byDir.set(k, found);
    return found;
  }

  invalidate(): void {
    this.byDir.clear();
  }

  private inDir(dir: string): ProjectConfig | null {
    for (const name of [CONFIG_FILE, 'package.json']) {
      const file = path.join(dir, name);
      const text = this.readText(file);
      if (text === undefined) continue;
      const cfg = readProjectConfigFile(file, text);
      if (cfg) return cfg;
    }
    return null;
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function defaultRead(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
