#!/usr/bin/env node
// Generates a deterministic synthetic JS/TS repository for bench/run.mjs: N source files (default
// 5,000), mostly unrelated code (React components, utilities, Express handlers, tests, type-heavy
// TypeScript, minified bundles, data modules; 1–30 KB each), plus a few dozen files with planted
// hits and near misses. The manifest (front-contacts-bench-manifest.json in the output directory)
// lists every planted hit (file, line, rule, style), the near-miss files and the git-ignored files.
//
// Usage: node bench/generate.mjs [N|1k|5k|10k|50k] [--seed S] [--out DIR] [--force] [--verify]
// Output: bench/.work/<N>/ (git-ignored). The directory is its own git repository so that tools
// honour its .gitignore (node_modules/, dist/) and not the enclosing repo's.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './lib/prng.mjs';
import { KINDS, generateUnrelated, utilFunction } from './lib/codegen.mjs';
import { HOST_CONSTANT_STYLES, NEAR_MISS_STYLES, REDIRECT_STYLES, TEAM_STYLES, generateFrontConfig, generateFrontFile, generateOwnApiFile } from './lib/plants.mjs';

export const GENERATOR_VERSION = 6;
export const MANIFEST = 'front-contacts-bench-manifest.json';
const benchDir = dirname(fileURLToPath(import.meta.url));
export const WORK_DIR = join(benchDir, '.work');

export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)(k)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`not a file count: "${text}" (use e.g. 5000 or 5k)`);
  const n = Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
  if (n < 100) throw new Error(`file count ${n} is too small (minimum 100)`);
  return n;
}

const GROUPS = ['core', 'shared', 'admin', 'billing', 'search', 'auth', 'reports', 'settings', 'onboarding', 'mobile',
  'checkout', 'inbox', 'analytics', 'catalog', 'media', 'support', 'teams', 'calendar', 'exports', 'profile'];
const PKG_NOUNS = ['web', 'api', 'worker', 'admin', 'mobile', 'shared', 'billing', 'docs', 'cli', 'edge', 'sdk', 'ui'];
const HIT_NAMES = ['frontContacts', 'frontSync', 'supportInbox', 'crmBridge', 'helpdeskClient', 'contactSync', 'frontApi', 'customerLink'];
const NEAR_NAMES = ['frontTeammates', 'frontGroups', 'frontDirectory', 'contactMerge', 'vendorContacts', 'frontRoutes'];
const HIT_EXTS = [['ts', 4], ['js', 2], ['mjs', 1], ['cjs', 1], ['tsx', 1.5], ['jsx', 1], ['mts', 0.3], ['cts', 0.3]];
const camel = (s) => s[0].toLowerCase() + s.slice(1);
const pascal = (s) => s[0].toUpperCase() + s.slice(1);

/** Mixes the seed with a file index so every file has its own independent random stream. */
const fileSeed = (seed, i) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

function plan(files, seed) {
  const rng = createRng(seed);
  const hitCount = Math.max(30, Math.round(files * 0.008));
  const nearCount = Math.max(20, Math.round(files * 0.005));
  const ownApiCount = Math.max(4, Math.round(nearCount / 5));
  const pkgCount = Math.max(2, Math.ceil(files / 600));
  const pkgs = Array.from({ length: pkgCount }, (_, i) => `${PKG_NOUNS[i % PKG_NOUNS.length]}${i >= PKG_NOUNS.length ? '-' + Math.floor(i / PKG_NOUNS.length) : ''}`);
  const totalWeight = KINDS.reduce((s, k) => s + k.weight, 0);
  const used = new Set();
  const entries = [];
  const place = (dir, base, ext) => {
    let name = `${base}.${ext}`;
    for (let i = 2; used.has(`${dir}/${name}`); i++) name = `${base}${i}.${ext}`;
    used.add(`${dir}/${name}`);
    return `${dir}/${name}`;
  };
  const size = (min, max) => Math.round(1024 * min * Math.pow(max / min, rng.next()));

  const teamKeys = Object.keys(TEAM_STYLES);
  const redirectKeys = Object.keys(REDIRECT_STYLES);
  const allKeys = [...teamKeys, ...redirectKeys];
  const configs = new Map();
  for (let i = 0; i < hitCount; i++) {
    // About a third take FRONT_API from a settings module next to them instead of defining it.
    const imported = rng.chance(0.35);
    const keys = imported ? HOST_CONSTANT_STYLES : allKeys;
    const styles = [keys[i % keys.length]];
    if (rng.chance(0.5)) styles.push(rng.pick(keys.filter((k) => k !== styles[0])));
    const ext = rng.weighted(HIT_EXTS);
    const dir = `packages/${rng.pick(pkgs)}/src/${rng.pick(['services', 'integrations', 'jobs'])}`;
    let configSpec;
    if (imported) {
      const cfgExt = ext === 'cjs' ? 'cjs' : /ts|tsx$/.test(ext) ? 'ts' : 'js';
      const key = `${dir}|${cfgExt}`;
      if (!configs.has(key)) {
        const path = place(dir, 'frontConfig', cfgExt);
        configs.set(key, path);
        entries.push({ path, role: 'support', ext: cfgExt });
      }
      const base = posix.basename(configs.get(key));
      configSpec = './' + (cfgExt === 'cjs' ? base : base.replace(/\.(ts|js)$/, ''));
    }
    entries.push({ path: place(dir, rng.pick(HIT_NAMES), ext), role: 'hit', styles, ext, configSpec, bytes: size(2, 12) });
  }
  const nearKeys = Object.keys(NEAR_MISS_STYLES);
  for (let i = 0; i < nearCount; i++) {
    const ext = rng.weighted(HIT_EXTS);
    const dir = `packages/${rng.pick(pkgs)}/src/${rng.pick(['services', 'integrations', 'jobs'])}`;
    if (i < ownApiCount) {
      entries.push({ path: place(dir, 'backofficeClient', ext), role: 'near', styles: ['own-api-relative'], ext, bytes: size(2, 10) });
      continue;
    }
    const start = (i * 3) % nearKeys.length;
    const styles = [nearKeys[start], nearKeys[(start + 1) % nearKeys.length], nearKeys[(start + 2) % nearKeys.length]].slice(0, rng.int(2, 3));
    entries.push({ path: place(dir, rng.pick(NEAR_NAMES), ext), role: 'near', styles, ext, bytes: size(2, 10) });
  }
  const unrelatedCount = files - entries.length;
  for (let i = 0; i < unrelatedCount; i++) {
    const spec = rng.weighted(KINDS.map((k) => [k, k.weight]));
    const ext = rng.weighted(spec.exts);
    const pkg = rng.pick(pkgs);
    const perDir = (files / pkgCount) * (spec.weight / totalWeight);
    const group = GROUPS[rng.int(0, Math.max(0, Math.min(GROUPS.length, Math.round(perDir / 40)) - 1))];
    const noun = rng.pick(['user', 'order', 'invoice', 'project', 'account', 'session', 'report', 'payment', 'cart', 'product', 'ticket', 'workspace', 'event', 'review', 'channel', 'task', 'board', 'page']);
    const suffix = { react: pascal(rng.pick(['List', 'Card', 'Panel', 'Form', 'Dialog', 'Table', 'View'])), util: pascal(rng.pick(['utils', 'helpers', 'format', 'cache', 'parser', 'store'])), express: 'Routes', test: '', types: 'Types', minified: 'bundle', data: 'Fixtures' }[spec.kind];
    const base = spec.kind === 'react' ? pascal(noun) + suffix : camel(noun) + suffix;
    // ~4% of the React/utility/route files belong to the app's own contacts feature (/api/contacts…)
    const contactBias = ['react', 'util', 'express'].includes(spec.kind) && rng.chance(0.06) ? 0.2 : 0;
    entries.push({ path: place(`packages/${pkg}/src/${spec.area}/${group}`, contactBias ? 'contact' + pascal(suffix || 'Spec') : base, ext), role: 'unrelated', spec, ext, contactBias, bytes: spec.kind === 'minified' ? size(4, 30) : size(1, 30) });
  }
  // Interleave so planted files are not all at the end of the walk order.
  rng.shuffle(entries);
  // Imports between unrelated files of the same package, layered like real code so the graph is a
  // DAG: tests -> components/routes -> utilities -> types/data, plus earlier siblings of the same
  // layer in the same directory. (Front files are never imported: they are leaves of the graph.)
  const LAYER = { types: 0, data: 0, util: 1, react: 2, express: 2, test: 3 };
  const byPkg = new Map();
  entries.forEach((e, index) => {
    if (e.role !== 'unrelated' || !(e.spec.kind in LAYER) || e.ext === 'd.ts') return;
    const pkg = e.path.split('/')[1];
    if (!byPkg.has(pkg)) byPkg.set(pkg, []);
    byPkg.get(pkg).push({ e, index, layer: LAYER[e.spec.kind], dir: posix.dirname(e.path) });
  });
  for (const list of byPkg.values()) {
    for (const me of list) {
      if (me.e.spec.kind === 'minified') continue;
      const k = rng.int(0, 3);
      if (!k) continue;
      const pool = list.filter((o) => o.e.spec.kind !== 'test' && (o.layer < me.layer || (o.layer === me.layer && o.dir === me.dir && o.index < me.index)));
      me.e.imports = [];
      for (let j = 0; j < k && pool.length; j++) {
        const target = rng.pick(pool).e.path;
        let spec = posix.relative(me.dir, target.replace(/\.(tsx?|jsx?|mjs|cjs|mts|cts)$/, ''));
        if (!spec.startsWith('.')) spec = './' + spec;
        if (!me.e.imports.includes(spec)) me.e.imports.push(spec);
      }
    }
  }
  return entries;
}

/** Generates (or reuses, when the manifest matches) the repository; returns the manifest. */
export function generateRepo({ files = 5000, seed = 1, out = join(WORK_DIR, String(files)), force = false, log = console.log } = {}) {
  out = resolve(out);
  const manifestPath = join(out, MANIFEST);
  if (!force && existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.generator === GENERATOR_VERSION && m.seed === seed && m.files === files) {
      log(`reusing ${out} (${files} files, seed ${seed})`);
      return { ...m, root: out };
    }
  }
  if (existsSync(out)) {
    if (!out.startsWith(WORK_DIR + '/') && !existsSync(manifestPath))
      throw new Error(`refusing to replace ${out}: it is outside bench/.work and has no ${MANIFEST}`);
    rmSync(out, { recursive: true, force: true });
  }
  const started = process.hrtime.bigint();
  const entries = plan(files, seed);
  const madeDirs = new Set();
  const write = (rel, text) => {
    const dir = dirname(join(out, rel));
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(join(out, rel), text);
    return Buffer.byteLength(text);
  };
  const manifest = { generator: GENERATOR_VERSION, seed, files, bytes: 0, kinds: {}, exts: {}, hits: [], nearMissFiles: [], supportFiles: [], ignoredFiles: [] };
  entries.forEach((e, i) => {
    const rng = createRng(fileSeed(seed, i));
    let text;
    if (e.role === 'unrelated') {
      text = generateUnrelated(rng, e.spec, e.ext, e.bytes, e.imports, e.contactBias);
      manifest.kinds[e.spec.kind] = (manifest.kinds[e.spec.kind] ?? 0) + 1;
    } else if (e.role === 'hit') {
      const styles = e.styles.map((k) => TEAM_STYLES[k] ?? REDIRECT_STYLES[k]);
      const r = generateFrontFile(rng, e.ext, styles, e.bytes, utilFunction, e.configSpec);
      text = r.text;
      for (const h of r.hits) manifest.hits.push({ file: e.path, line: h.line, rule: h.rule, style: e.configSpec ? `${h.style}@imported-host` : h.style });
      manifest.kinds.hit = (manifest.kinds.hit ?? 0) + 1;
    } else if (e.role === 'support') {
      text = generateFrontConfig(rng, e.ext).text;
      manifest.supportFiles.push(e.path);
      manifest.kinds.frontConfig = (manifest.kinds.frontConfig ?? 0) + 1;
    } else {
      const r = e.styles[0] === 'own-api-relative'
        ? generateOwnApiFile(rng, e.ext, e.bytes, utilFunction)
        : generateFrontFile(rng, e.ext, e.styles.map((k) => NEAR_MISS_STYLES[k]), e.bytes, utilFunction);
      text = r.text;
      manifest.nearMissFiles.push({ file: e.path, styles: e.styles });
      manifest.kinds.nearMiss = (manifest.kinds.nearMiss ?? 0) + 1;
    }
    const extKey = e.ext.split('.').pop();
    manifest.exts[extKey] = (manifest.exts[extKey] ?? 0) + 1;
    manifest.bytes += write(e.path, text);
  });
  // Files a walker must skip: dependencies and build output (both listed in .gitignore).
  const ignoredRng = createRng(fileSeed(seed, files + 1));
  const sdk = generateFrontFile(ignoredRng, 'cjs', [TEAM_STYLES['literal-host'], REDIRECT_STYLES['https-get']], 4096, utilFunction);
  const bundle = generateFrontFile(ignoredRng, 'js', [TEAM_STYLES['template-const'], REDIRECT_STYLES['fetch-manual']], 8192, utilFunction);
  write('node_modules/@acme/front-sdk/index.js', sdk.text);
  write('dist/front.bundle.js', bundle.text);
  manifest.ignoredFiles.push('node_modules/@acme/front-sdk/index.js', 'dist/front.bundle.js');
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n*.log\n');
  write('package.json', JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  manifest.hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  manifest.nearMissFiles.sort((a, b) => (a.file < b.file ? -1 : 1));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  const git = spawnSync('git', ['init', '-q', out], { encoding: 'utf8' });
  if (git.status !== 0) log(`warning: git init failed (${git.error?.message ?? git.stderr.trim()}); .gitignore may not be honoured`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  log(`generated ${files} files (${(manifest.bytes / 1048576).toFixed(1)} MiB, ${manifest.hits.length} planted hits in ${manifest.kinds.hit} files, ${manifest.nearMissFiles.length} near-miss files) in ${(ms / 1000).toFixed(1)} s -> ${out}`);
  return { ...manifest, root: out };
}

/** Parses every generated file with TypeScript's parser; returns the files with syntax errors. */
export async function verifyRepo(manifestOrRoot) {
  const root = typeof manifestOrRoot === 'string' ? manifestOrRoot : manifestOrRoot.root;
  const { default: ts } = await import('typescript');
  const { readdirSync } = await import('node:fs');
  const bad = [];
  let count = 0;
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.name === '.git' || d.name === 'node_modules') continue;
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.(m|c)?(j|t)sx?$/.test(d.name)) {
        count++;
        const kind = /\.tsx$/.test(d.name) ? ts.ScriptKind.TSX : /\.(m|c)?ts$/.test(d.name) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
        const sf = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, false, kind);
        if (sf.parseDiagnostics.length) bad.push({ file: p, message: ts.flattenDiagnosticMessageText(sf.parseDiagnostics[0].messageText, ' '), pos: sf.parseDiagnostics[0].start });
      }
    }
  };
  walk(root);
  return { count, bad };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? (args.splice(i, 1), true) : false;
  };
  try {
    const seed = Number(opt('--seed') ?? 1);
    const out = opt('--out');
    const force = flag('--force');
    const verify = flag('--verify');
    const files = parseSize(args[0] ?? '5000');
    const manifest = generateRepo({ files, seed, force, ...(out ? { out } : {}) });
    if (verify) {
      const { count, bad } = await verifyRepo(manifest);
      for (const b of bad.slice(0, 20)) console.error(`syntax error: ${b.file} @${b.pos}: ${b.message}`);
      console.log(`verify: ${count} files parsed, ${bad.length} with syntax errors`);
      if (bad.length) process.exitCode = 1;
    }
  } catch (e) {
    console.error(`generate: ${e.message}`);
    process.exitCode = 2;
  }
}
