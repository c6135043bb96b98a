'use strict';
/**
 * What every transform in codemods/ shares: the built engine (dist/core.js) and project layer
 * (dist/project.js, for the config file and the disk SourceHost), loaded once per jscodeshift
 * worker, and one `runEngine()` that turns a file into new text plus the findings to report.
 *
 * The transforms never parse with jscodeshift's parser: the engine does the analysis and the
 * edits (the same ones `front-contacts fix` applies), so `--parser` only matters to jscodeshift.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { assertJscodeshiftCall } = require('./jscodeshift-runner');

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLES = ['core.js', 'project.js'];
const RULE_SETTINGS = ['off', 'warning', 'error'];
const BOM = '\uFEFF';

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function missingBundles() {
  return BUNDLES.filter((b) => !fs.existsSync(path.join(DIST, b)));
}

/**
 * Builds dist/ when a bundle is missing (a git checkout, or `npm ci` that skipped `prepare`), like
 * bin/front-contacts.js does. jscodeshift starts one worker per CPU and each loads this module, so
 * a lock folder makes one worker build while the others wait for it.
 */
function ensureBuilt() {
  if (missingBundles().length === 0) return;
  const key = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 12);
  const lock = path.join(os.tmpdir(), `front-contacts-codemod-build-${key}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (missingBundles().length === 0) return;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue; // the builder just finished
      }
      if (age > 180_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed build
      if (Date.now() > deadline) throw new Error(`front-contacts codemods: timed out waiting for another process to build ${DIST}`);
      sleep(200);
    }
  }
  try {
    if (missingBundles().length === 0) return;
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      const detail = e.stderr ? String(e.stderr).trim() : e.message;
      throw new Error(`front-contacts codemods: ${missingBundles().join(', ')} missing in ${DIST} and the build failed (${detail})`);
    }
    const still = missingBundles();
    if (still.length) throw new Error(`front-contacts codemods: the build did not produce ${still.join(', ')} in ${DIST}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * jscodeshift loads transforms through @babel/register with its own `ignore` list, which replaces
 * babel's default "skip node_modules": every module required after it would be compiled by Babel,
 * including the engine bundle and the TypeScript compiler inside ts-morph (minutes, and Babel then
 * fails on ts-morph's static class blocks). The transform itself is already loaded at this point, so
 * we take the hook out (it only serves loading transforms) and load the engine as plain Node modules.
 */
function withoutRequireHooks(load) {
  const Module = require('node:module');
  for (const [id, cached] of Object.entries(require.cache)) {
    if (/[\\/]@babel[\\/]register[\\/]lib[\\/]hook\.c?js$/.test(id) && cached && cached.exports && typeof cached.exports.revert === 'function') cached.exports.revert();
  }
  // Any other require hook (another pirates user): bypass it for the modules loaded right now.
  const hooked = Module._extensions['.js'];
  Module._extensions['.js'] = function plainJs(module, filename) {
    let content = fs.readFileSync(filename, 'utf8');
    if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    module._compile(content, filename);
  };
  try {
    return load();
  } finally {
    Module._extensions['.js'] = hooked;
  }
}

let loaded;
/** The engine and the project layer, built on first use if needed. */
function load() {
  if (!loaded) {
    ensureBuilt();
    loaded = withoutRequireHooks(() => ({ core: require(path.join(DIST, 'core.js')), project: require(path.join(DIST, 'project.js')) }));
  }
  return loaded;
}

/** jscodeshift passes `--name=value` through JSON.parse, so flags arrive as booleans, numbers or strings. */
function booleanOption(options, name) {
  const v = options[name];
  if (v === undefined || v === null || v === false || v === 0 || v === 'false' || v === '0') return false;
  if (v === true || v === 1 || v === 'true' || v === '1') return true;
  throw new Error(`--${name} expects true or false (write --${name}=true), got ${JSON.stringify(v)}`);
}

/** `--rule=ID=SEVERITY`, repeatable (jscodeshift turns repeats into an array), like the CLI's --rule. */
function ruleOptions(options, ruleIds) {
  const raw = options.rule === undefined ? [] : Array.isArray(options.rule) ? options.rule : [options.rule];
  const rules = {};
  for (const arg of raw) {
    const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(String(arg));
    if (!m) throw new Error(`--rule expects ID=off|warning|error, got ${JSON.stringify(arg)}`);
    if (!ruleIds.includes(m[1])) throw new Error(`--rule: unknown rule "${m[1]}" (known rules: ${ruleIds.join(', ')})`);
    if (!RULE_SETTINGS.includes(m[2])) throw new Error(`--rule ${m[1]}: severity must be off, warning or error, got "${m[2]}"`);
    rules[m[1]] = m[2];
  }
  return rules;
}

// One context per worker and option set: config, disk host and analyse options are reused for every
// file, so imported modules are read and parsed once per worker, and the engine keeps its cache.
const contexts = new Map();

function contextFor(options) {
  const { core, project } = load();
  const cwd = process.cwd();
  const key = JSON.stringify([cwd, options.config ?? null, options.rule ?? null]);
  let ctx = contexts.get(key);
  if (!ctx) {
    // The same lookup as the CLI: --config, else the nearest front-contacts.config.json or package.json
    // "frontContacts" upward from the working folder. A bad config throws ConfigError naming the file.
    const loadedConfig = project.loadConfig({ cwd, configFile: typeof options.config === 'string' ? options.config : undefined });
    const host = new project.DiskSourceHost();
    ctx = {
      core,
      project,
      config: loadedConfig,
      host,
      rules: { ...loadedConfig.config.rules, ...ruleOptions(options, core.RULE_IDS) },
      frontBaseUrls: loadedConfig.config.frontBaseUrls,
      passThroughProxies: loadedConfig.config.passThroughProxies,
      analyseOptions: new Map(),
    };
    contexts.set(key, ctx);
  }
  return ctx;
}

/** Like the project layer's isIgnoredWithParents: a file inside an ignored folder is ignored too. */
function ignoredByConfig(project, rules, file) {
  if (!rules.length) return false;
  const chain = [];
  for (let p = path.dirname(file); p !== path.dirname(p); p = path.dirname(p)) chain.unshift(p);
  return chain.some((dir) => project.isIgnored(rules, dir, true)) || project.isIgnored(rules, file, false);
}

/** The CLI keeps a CRLF file CRLF throughout even when the engine inserts `\n` (src/cli/fix.ts). */
function keepLineEndings(original, fixed) {
  const crlf = original.includes('\r\n') && !/(^|[^\r])\n/.test(original);
  return crlf ? fixed.replace(/\r?\n/g, '\r\n') : fixed;
}

/**
 * Runs the engine on one file.
 * - `only`: rule ids this transform handles; other rules are turned off for it. A rule the config
 *   (or --rule) turns off stays off, as with `front-contacts fix`.
 * - `suggestions`: also apply the first suggestion of findings without a safe fix.
 * Returns `{ skipped }` for files the config ignores or that are not JS/TS, else
 * `{ output, applied, remaining, problems, refused }` with `output === source` when nothing changed.
 */
function runEngine(file, options, { only, suggestions = false } = {}) {
  const ctx = contextFor(options);
  const { core, project } = ctx;
  const fileName = path.resolve(file.path);
  if (!project.isSourceFile(fileName)) return { skipped: 'not a JavaScript or TypeScript source file' };
  if (ignoredByConfig(project, ctx.config.ignoreRules, fileName)) return { skipped: `matches an "ignore" pattern in ${ctx.config.file}` };

  const reportUnusedIgnores = booleanOption(options, 'reportUnusedIgnores') || booleanOption(options, 'report-unused-ignores');
  const optionsKey = JSON.stringify([only ?? null, reportUnusedIgnores]);
  let analyse = ctx.analyseOptions.get(optionsKey);
  if (!analyse) {
    const rules = { ...ctx.rules };
    if (only) for (const id of core.RULE_IDS) if (!only.includes(id)) rules[id] = 'off';
    analyse = { rules, frontBaseUrls: ctx.frontBaseUrls, passThroughProxies: ctx.passThroughProxies, host: ctx.host, reportUnusedIgnores };
    ctx.analyseOptions.set(optionsKey, analyse);
  }

  const hasBom = file.source.startsWith(BOM);
  const text = hasBom ? file.source.slice(1) : file.source;
  // Other files importing this one must see what jscodeshift handed us, not an older read.
  ctx.host.setText(fileName, text);
  const result = core.fixText(fileName, text, { ...analyse, suggestions });
  const remaining = result.remaining.filter((f) => analyse.rules[f.ruleId] !== 'off');
  let output = text;
  if (!result.refused && result.output !== text) {
    output = keepLineEndings(text, result.output);
    ctx.host.setText(fileName, output);
  }
  return {
    output: (hasBom ? BOM : '') + output,
    changed: output !== text,
    applied: result.applied,
    remaining,
    problems: result.problems,
    refused: result.refused,
  };
}

/** `12:5 error team-contacts-endpoint: message` — jscodeshift prints it after the file name. */
function describeFinding(f) {
  return `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId}: ${f.message}`;
}

function describeProblem(p) {
  return `${p.range ? `${p.range.start.line}:${p.range.start.column} ` : ''}problem: ${p.message}`;
}

/** api.report exists when jscodeshift's runner calls us (not in applyTransform from testUtils). */
function reporter(api) {
  return typeof api.report === 'function' ? (msg) => api.report(msg) : () => {};
}

/**
 * The shared body of the transforms: run the engine, report what is left (and input problems), and
 * return the new text — or the unchanged source (jscodeshift counts it "unmodified"), or undefined
 * for files the config ignores ("skipped").
 */
function transformWith(file, api, options, settings) {
  assertJscodeshiftCall(file, api, settings.transformFile);
  const report = reporter(api);
  const result = runEngine(file, options, settings);
  if (result.skipped) {
    if (!/not a JavaScript/.test(result.skipped)) report(`skipped: ${result.skipped}`);
    return undefined;
  }
  for (const p of result.problems) report(describeProblem(p));
  if (result.refused) report(`not changed: ${result.refused}`);
  if (settings.reportApplied)
    for (const f of result.applied) if (!f.fix && f.suggestions && f.suggestions[0]) report(`${f.range.start.line}:${f.range.start.column} applied suggestion for ${f.ruleId}: ${f.suggestions[0].title} (review it)`);
  for (const f of result.remaining) if (!settings.reportOnly || settings.reportOnly.includes(f.ruleId)) report(describeFinding(f));
  return result.output;
}

module.exports = { load, runEngine, transformWith, describeFinding, booleanOption, ROOT, DIST };
