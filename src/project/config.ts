/**
 * The project's configuration: `front-contacts.config.json` found upward from the working
 * folder (or named with `--config`), or the `"frontContacts"` key of a package.json.
 * Bad config is a usage error: every problem is listed with the file it came from.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS, type RuleId, type RuleSetting } from '../core/types';
import { parseIgnoreLine, type IgnoreRule } from './ignore';
import { JsoncSyntaxError, parseJsonc } from './jsonc';

export const CONFIG_FILE_NAME = 'front-contacts.config.json';
export const PACKAGE_JSON_KEY = 'frontContacts';

export interface FrontContactsConfig {
  rules: Partial<Record<RuleId, RuleSetting>>;
  frontBaseUrls: string[];
  /**
   * Proxies that pass Front's 301 on unchanged (`Location: https://api.frontapp.com/…`), so a followed redirect leaves
   * their host and drops Authorization (contact-redirect-auth-dropped). They count as frontBaseUrls too (added there).
   */
  passThroughProxies?: string[];
  ignore: string[];
}

export interface LoadedConfig {
  config: FrontContactsConfig;
  /** Where it came from; undefined when no config exists (defaults). */
  file?: string;
  /** `ignore` patterns, relative to the config's folder. */
  ignoreRules: IgnoreRule[];
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error'];
const KNOWN_KEYS = new Set(['$schema', 'rules', 'frontBaseUrls', 'passThroughProxies', 'ignore']);

export function emptyConfig(): FrontContactsConfig {
  return { rules: {}, frontBaseUrls: [], ignore: [] };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Checks a parsed config value; throws ConfigError naming `file` and every problem found. */
export function validateConfig(value: unknown, file: string, where = ''): FrontContactsConfig {
  const problems: string[] = [];
  const config = emptyConfig();
  const at = (key: string) => (where ? `${where}.${key}` : key);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(file, [`${where || 'the config'} must be an object, found ${describe(value)}`]);
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj))
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown key "${at(key)}" (expected one of: rules, frontBaseUrls, passThroughProxies, ignore)`);

  if (obj.rules !== undefined) {
    const rules = obj.rules;
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) problems.push(`"${at('rules')}" must be an object mapping rule ids to off|warning|error, found ${describe(rules)}`);
    else
      for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
        if (!(RULE_IDS as readonly string[]).includes(id)) problems.push(`"${at('rules')}": unknown rule "${id}" (known rules: ${RULE_IDS.join(', ')})`);
        else if (!RULE_SETTINGS.includes(setting as RuleSetting)) problems.push(`"${at('rules')}.${id}" must be "off", "warning" or "error", found ${describe(setting)}`);
        else config.rules[id as RuleId] = setting as RuleSetting;
      }
  }
  const stringList = (key: 'frontBaseUrls' | 'passThroughProxies' | 'ignore', check: (s: string) => string | undefined) => {
    const v = obj[key];
    if (v === undefined) return;
    const list = key === 'passThroughProxies' ? (config.passThroughProxies = []) : config[key];
    if (!Array.isArray(v)) {
      problems.push(`"${at(key)}" must be an array of strings, found ${describe(v)}`);
      return;
    }
    v.forEach((item, i) => {
      if (typeof item !== 'string') problems.push(`"${at(key)}[${i}]" must be a string, found ${describe(item)}`);
      else {
        const bad = check(item);
        if (bad) problems.push(`"${at(key)}[${i}]" ${bad}`);
        else list.push(item);
      }
    });
  };
  const baseUrl = (s: string): string | undefined => {
    if (!s.trim()) return 'must not be empty';
    if (/\s/.test(s)) return `must be a URL or host name without spaces, found ${JSON.stringify(s)}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(s)) {
      try {
        new URL(s);
      } catch {
        return `is not a valid URL: ${JSON.stringify(s)}`;
      }
    }
    return undefined;
  };
  stringList('frontBaseUrls', baseUrl);
  stringList('passThroughProxies', baseUrl);
  // A pass-through proxy reaches Front: it is a base URL like the others.
  for (const u of config.passThroughProxies ?? []) if (!config.frontBaseUrls.includes(u)) config.frontBaseUrls.push(u);
  stringList('ignore', (s) => (s.trim() ? undefined : 'must not be empty'));
  if (problems.length) throw new ConfigError(file, problems);
  return config;
}

function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read: ${(e as Error).message}`]);
  }
}

function parseConfigText(text: string, file: string): unknown {
  try {
    return parseJsonc(text);
  } catch (e) {
    if (e instanceof JsoncSyntaxError) throw new ConfigError(`${file}:${e.line}:${e.column}`, [`not valid JSON: ${e.reason}`]);
    throw e;
  }
}

/** Loads one config file: a front-contacts config, or a package.json (its "frontContacts" key). */
export function loadConfigFile(file: string): LoadedConfig {
  const text = readConfigText(file);
  const value = parseConfigText(text, file);
  let config: FrontContactsConfig;
  if (path.basename(file) === 'package.json') {
    const pkg = value as Record<string, unknown> | null;
    const section = pkg && typeof pkg === 'object' && !Array.isArray(pkg) ? pkg[PACKAGE_JSON_KEY] : undefined;
    if (section === undefined) throw new ConfigError(file, [`has no "${PACKAGE_JSON_KEY}" key`]);
    config = validateConfig(section, file, PACKAGE_JSON_KEY);
  } else config = validateConfig(value, file);
  const dir = path.dirname(file);
  const ignoreRules = config.ignore.map((g) => parseIgnoreLine(g, dir)).filter((r): r is IgnoreRule => !!r);
  return { config, file, ignoreRules };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The config that applies in `cwd`: the nearest config file or package.json with our key. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const own = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(own)) return own;
    const pkg = path.join(dir, 'package.json');
    if (isFile(pkg)) {
      let text = '';
      try {
        text = readFileSync(pkg, 'utf8');
        const value = parseJsonc(text) as Record<string, unknown> | null;
        if (value && typeof value === 'object' && PACKAGE_JSON_KEY in value) return pkg;
      } catch {
        // A broken package.json is only our business when it mentions our key.
        if (text.includes(`"${PACKAGE_JSON_KEY}"`)) return pkg;
      }
    }
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** `--config FILE` when given, else the nearest config; defaults when there is none. */
export function loadConfig(options: { cwd: string; configFile?: string }): LoadedConfig {
  const file = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  if (!file) return { config: emptyConfig(), ignoreRules: [] };
  return loadConfigFile(file);
}
