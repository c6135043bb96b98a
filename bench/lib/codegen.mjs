// Unrelated but realistic JavaScript/TypeScript for the synthetic benchmark repository: React
// components, utility modules, Express handlers, tests, type-heavy TypeScript, minified bundles and
// config/data modules. Every generator returns source that parses (checked by bench/generate.mjs
// --verify) and never mentions Front, so any finding in these files is a false positive. The file
// header avoids the word "contacts" on purpose: only files with a `contactBias` (the app's own
// contacts screens and APIs) mention it, as in a real code base where most files never do.

const NOUNS = ['user', 'order', 'invoice', 'project', 'account', 'session', 'widget', 'report', 'payment', 'cart',
  'product', 'member', 'message', 'comment', 'ticket', 'workspace', 'schedule', 'upload', 'notification', 'setting',
  'profile', 'audit', 'metric', 'event', 'subscription', 'coupon', 'shipment', 'address', 'review', 'category',
  'tag', 'channel', 'thread', 'attachment', 'webhook', 'token', 'role', 'permission', 'quota', 'region', 'device',
  'release', 'build', 'pipeline', 'job', 'task', 'milestone', 'sprint', 'board', 'column', 'card', 'folder', 'page',
  'draft', 'template', 'locale', 'currency', 'tax', 'discount', 'warehouse', 'vendor', 'lead', 'deal', 'campaign'];
const VERBS = ['fetch', 'load', 'build', 'create', 'update', 'remove', 'sync', 'parse', 'format', 'validate',
  'compute', 'render', 'normalize', 'merge', 'filter', 'sort', 'group', 'resolve', 'serialize', 'hydrate', 'archive',
  'restore', 'publish', 'schedule', 'notify', 'export', 'import', 'index', 'score', 'rank'];
const ADJS = ['active', 'pending', 'archived', 'visible', 'primary', 'recent', 'shared', 'locked', 'draft',
  'default', 'expired', 'featured', 'hidden', 'selected', 'dirty', 'stale', 'remote', 'local'];
const SENTENCES = ['keeps the original order when keys are equal', 'returns an empty list for missing input',
  'retries once when the upstream answers 503', 'treats undefined and null alike', 'caches results for a minute',
  'never mutates its argument', 'rounds amounts to the currency precision', 'ignores archived records',
  'falls back to the default locale', 'escapes user supplied text', 'pages through every result',
  'throws on malformed identifiers', 'debounces rapid updates', 'merges partial updates into the current state'];
const HOSTS = ['https://api.stripe.example/v1', 'https://api.github.com', 'https://hooks.slack.example/services',
  'https://maps.example.com/api', 'https://cdn.example.com/assets', 'https://auth.example.org/oauth2',
  'https://api.sendgrid.example/v3', 'https://sentry.example.io/api/0'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const thirdPerson = (v) => (/(s|x|ch|sh)$/.test(v) ? v + 'es' : v + 's');
const BT = '`';

/** Hands out identifiers unique within one file. */
export class Namer {
  /** `contactBias`: probability that noun() says "contact" (the app's own contacts feature). */
  constructor(rng, contactBias = 0) {
    this.rng = rng;
    this.used = new Set();
    this.contactBias = contactBias;
  }
  unique(base) {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = base + i;
    this.used.add(name);
    return name;
  }
  noun() { return this.contactBias && this.rng.chance(this.contactBias) ? 'contact' : this.rng.pick(NOUNS); }
  verb() { return this.rng.pick(VERBS); }
  adj() { return this.rng.pick(ADJS); }
  fn() { return this.unique(this.verb() + cap(this.noun()) + (this.rng.chance(0.4) ? cap(this.adj()) : '')); }
  type() { return this.unique(cap(this.adj()) + cap(this.noun())); }
  component() { return this.unique(cap(this.noun()) + this.rng.pick(['List', 'Card', 'Panel', 'Form', 'Row', 'Dialog', 'Badge', 'Table', 'Header', 'Picker'])); }
  sentence() { return this.rng.pick(SENTENCES); }
}

function literal(rng, depth = 0) {
  switch (rng.int(0, depth > 1 ? 3 : 5)) {
    case 0: return String(rng.int(0, 5000));
    case 1: return "'" + rng.pick(NOUNS) + '-' + rng.id(4) + "'";
    case 2: return rng.chance(0.5) ? 'true' : 'false';
    case 3: return 'null';
    case 4: return '[' + Array.from({ length: rng.int(1, 4) }, () => literal(rng, depth + 1)).join(', ') + ']';
    default: return objectLiteral(rng, depth + 1);
  }
}
function objectLiteral(rng, depth = 0) {
  const keys = new Set();
  const n = rng.int(1, depth ? 3 : 6);
  const parts = [];
  for (let i = 0; i < n; i++) {
    const k = rng.pick(NOUNS) + (rng.chance(0.3) ? cap(rng.pick(ADJS)) : '');
    if (keys.has(k)) continue;
    keys.add(k);
    parts.push(k + ': ' + literal(rng, depth + 1));
  }
  return '{ ' + parts.join(', ') + ' }';
}

// ---------------------------------------------------------------------------------------------
// Building blocks. `ts` adds type annotations; `esm` picks import/export over require/module.exports.

function header(rng, n, ctx) {
  const lines = [];
  for (const imp of ctx.imports ?? []) {
    const names = Array.from({ length: rng.int(1, 3) }, () => n.fn());
    lines.push(ctx.esm ? `import { ${names.join(', ')} } from '${imp}';` : `const { ${names.join(', ')} } = require('${imp}');`);
  }
  if (rng.chance(0.5)) lines.push(ctx.esm ? "import { z } from 'zod';" : "const { z } = require('zod');");
  if (rng.chance(0.3)) lines.push(ctx.esm ? "import dayjs from 'dayjs';" : "const dayjs = require('dayjs');");
  return lines;
}
const exp = (ctx) => (ctx.esm ? 'export ' : '');

export function utilFunction(rng, n, ctx) {
  const name = n.fn();
  const T = ctx.ts ? n.type() : '';
  const prop = n.noun();
  const prop2 = n.adj();
  const doc = ['/**', ` * ${cap(thirdPerson(n.verb()))} ${n.noun()} records; ${n.sentence()}.`, ' */'];
  const body = [];
  switch (rng.int(0, 6)) {
    case 0:
      if (ctx.ts) body.push(`${exp(ctx)}interface ${T} { id: string; ${prop}: string; ${prop2}: boolean; weight?: number }`);
      body.push(...doc, `${exp(ctx)}function ${name}(items${ctx.ts ? `: ${T}[]` : ''}, query${ctx.ts ? ': string' : ''} = '')${ctx.ts ? `: ${T}[]` : ''} {`,
        `  const needle = query.trim().toLowerCase();`,
        `  const result${ctx.ts ? `: ${T}[]` : ''} = [];`,
        `  for (const item of items) {`,
        `    if (!item.${prop2}) continue;`,
        `    if (needle && !item.${prop}.toLowerCase().includes(needle)) continue;`,
        `    result.push({ ...item, weight: (item.weight ?? 0) + ${rng.int(1, 9)} });`,
        `  }`,
        `  return result.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));`,
        `}`);
      break;
    case 1:
      body.push(...doc, `${exp(ctx)}function ${name}(value${ctx.ts ? ': unknown' : ''})${ctx.ts ? ': string' : ''} {`,
        `  switch (typeof value) {`,
        `    case 'string': return value.replace(/[^a-z0-9_-]+/gi, '-').replace(/^-+|-+$/g, '');`,
        `    case 'number': return Number.isFinite(value) ? value.toFixed(${rng.int(0, 4)}) : '${n.noun()}';`,
        `    case 'boolean': return value ? 'yes' : 'no';`,
        `    default: return value == null ? '' : JSON.stringify(value);`,
        `  }`,
        `}`);
      break;
    case 2: {
      const cls = n.type();
      body.push(`${exp(ctx)}class ${cls}Cache {`,
        ctx.ts ? `  private readonly entries = new Map<string, { value: unknown; expires: number }>();` : `  entries = new Map();`,
        `  constructor(${ctx.ts ? 'private readonly ' : ''}ttlMs${ctx.ts ? ': number' : ''} = ${rng.int(1, 60) * 1000}) {${ctx.ts ? '' : ' this.ttlMs = ttlMs; '}}`,
        `  get(key${ctx.ts ? ': string' : ''}) {`,
        `    const hit = this.entries.get(key);`,
        `    if (!hit || hit.expires < Date.now()) { this.entries.delete(key); return undefined; }`,
        `    return hit.value;`,
        `  }`,
        `  set(key${ctx.ts ? ': string' : ''}, value${ctx.ts ? ': unknown' : ''}) {`,
        `    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });`,
        `    return this;`,
        `  }`,
        `  ${name}() { return [...this.entries.keys()].filter((k) => k.startsWith('${n.noun()}:')); }`,
        `}`);
      break;
    }
    case 3: {
      const host = rng.pick(HOSTS);
      body.push(...doc, `${exp(ctx)}async function ${name}(id${ctx.ts ? ': string' : ''}, attempt = 0)${ctx.ts ? ': Promise<unknown>' : ''} {`,
        `  const res = await fetch(${BT}${host}/${n.noun()}s/\${encodeURIComponent(id)}${BT}, { headers: { accept: 'application/json' } });`,
        `  if (res.status === 503 && attempt < ${rng.int(1, 4)}) return ${name}(id, attempt + 1);`,
        `  if (!res.ok) throw new Error(${BT}${n.noun()} \${id}: HTTP \${res.status}${BT});`,
        `  return res.json();`,
        `}`);
      break;
    }
    case 4:
      body.push(...doc, `${exp(ctx)}const ${name} = (rows${ctx.ts ? ': Array<Record<string, number>>' : ''}, key${ctx.ts ? ': string' : ''} = '${n.noun()}') =>`,
        `  rows.reduce((acc, row) => {`,
        `    const bucket = String(row[key] ?? 'other');`,
        `    acc[bucket] = (acc[bucket] ?? 0) + (row.amount ?? 0) * ${rng.int(1, 100) / 100};`,
        `    return acc;`,
        `  }, {}${ctx.ts ? ' as Record<string, number>' : ''});`);
      break;
    case 5:
      body.push(...doc, `${exp(ctx)}function ${name}(input${ctx.ts ? ': string' : ''})${ctx.ts ? ': Date | null' : ''} {`,
        `  const m = /^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2}))?$/.exec(input);`,
        `  if (!m) return null;`,
        `  const [, y, mo, d, h = '0', mi = '0'] = m;`,
        `  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi));`,
        `  return Number.isNaN(date.getTime()) ? null : date;`,
        `}`);
      break;
    default: {
      const k = n.unique(n.noun().toUpperCase() + '_' + n.adj().toUpperCase());
      body.push(`${exp(ctx)}const ${k} = Object.freeze(${objectLiteral(rng)});`,
        ...doc, `${exp(ctx)}function ${name}(path${ctx.ts ? ': string' : ''}, params${ctx.ts ? ': Record<string, string | number>' : ''} = {}) {`,
        `  const qs = Object.entries(params).map(([k, v]) => ${BT}\${encodeURIComponent(k)}=\${encodeURIComponent(String(v))}${BT}).join('&');`,
        `  return ${BT}/api/${n.noun()}s/\${path}\${qs ? '?' + qs : ''}${BT};`,
        `}`);
    }
  }
  return body;
}

function reactComponent(rng, n, ctx) {
  const C = n.component();
  const item = n.noun();
  const state = n.unique(n.adj() + 'Filter');
  const setState = 'set' + cap(state);
  const props = ctx.ts ? `${C}Props` : '';
  const lines = [];
  if (ctx.ts) lines.push(`${exp(ctx)}interface ${props} {`, `  title: string;`, `  ${item}Id?: string;`, `  onSelect?: (id: string) => void;`, `}`, '');
  lines.push(`${exp(ctx)}function ${C}({ title, ${item}Id, onSelect }${ctx.ts ? `: ${props}` : ''}) {`,
    `  const [${state}, ${setState}] = useState${ctx.ts ? '<string>' : ''}('');`,
    `  const [items, setItems] = useState${ctx.ts ? '<Array<{ id: string; label: string; active: boolean }>>' : ''}([]);`,
    `  const [page, setPage] = useState(1);`,
    `  useEffect(() => {`,
    `    let cancelled = false;`,
    `    fetch(${BT}/api/${item}s?page=\${page}${BT})`,
    `      .then((r) => r.json())`,
    `      .then((data) => { if (!cancelled) setItems(data.items); });`,
    `    return () => { cancelled = true; };`,
    `  }, [page, ${item}Id]);`,
    `  const visible = useMemo(() => items.filter((it) => it.label.toLowerCase().includes(${state}.toLowerCase())), [items, ${state}]);`,
    `  const handleClick = useCallback((id${ctx.ts ? ': string' : ''}) => onSelect?.(id), [onSelect]);`,
    `  return (`,
    `    <section className="${item}-${rng.pick(['list', 'panel', 'grid'])}">`,
    `      <header>`,
    `        <h2>{title}</h2>`,
    `        <input value={${state}} onChange={(e) => ${setState}(e.target.value)} placeholder="Search ${item}s" />`,
    `      </header>`,
    `      <ul>`,
    `        {visible.map((it) => (`,
    `          <li key={it.id} className={it.active ? 'active' : undefined} onClick={() => handleClick(it.id)}>`,
    `            {it.label}`,
    `          </li>`,
    `        ))}`,
    `      </ul>`,
    `      <footer>`,
    `        <button type="button" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>Previous</button>`,
    `        <span>{page}</span>`,
    `        <button type="button" onClick={() => setPage((p) => p + 1)}>Next</button>`,
    `      </footer>`,
    `    </section>`,
    `  );`,
    `}`);
  return lines;
}

function expressHandlers(rng, n, ctx) {
  const noun = n.noun();
  const lines = [];
  const base = `/api/${noun}s`;
  lines.push(`router.get('${base}', async (req, res, next) => {`,
    `  try {`,
    `    const limit = Math.min(Number(req.query.limit ?? 20), ${rng.int(50, 500)});`,
    `    const rows = await db.${noun}s.findMany({ take: limit, skip: Number(req.query.offset ?? 0) });`,
    `    res.json({ items: rows, limit });`,
    `  } catch (err) {`,
    `    next(err);`,
    `  }`,
    `});`,
    `router.get('${base}/:id', async (req, res, next) => {`,
    `  try {`,
    `    const row = await db.${noun}s.findUnique({ where: { id: req.params.id } });`,
    `    if (!row) return res.status(404).json({ error: '${noun} not found' });`,
    `    res.json(row);`,
    `  } catch (err) {`,
    `    next(err);`,
    `  }`,
    `});`);
  if (rng.chance(0.5))
    lines.push(`router.post('/api/teams/:teamId/${rng.pick(['members', 'projects', 'invites', 'roles'])}', async (req, res) => {`,
      `  const created = await db.${noun}s.create({ data: { ...req.body, teamId: req.params.teamId } });`,
      `  res.status(201).json(created);`,
      `});`);
  if (rng.chance(0.5)) {
    const host = rng.pick(HOSTS);
    lines.push(`router.post('${base}/:id/${n.verb()}', async (req, res) => {`,
      `  const upstream = await fetch(${BT}${host}/${n.noun()}s/\${req.params.id}${BT}, {`,
      `    method: 'POST',`,
      `    headers: { 'content-type': 'application/json', authorization: ${BT}Bearer \${process.env.UPSTREAM_TOKEN}${BT} },`,
      `    body: JSON.stringify(req.body),`,
      `  });`,
      `  res.status(upstream.status).json(await upstream.json());`,
      `});`);
  }
  return lines;
}

function testBlock(rng, n, ctx) {
  const fn = n.fn();
  const lines = [`describe('${fn}', () => {`];
  for (let i = 0, k = rng.int(2, 5); i < k; i++) {
    if (rng.chance(0.3))
      lines.push(`  it('${n.sentence()}', async () => {`,
        `    const spy = vi.fn().mockResolvedValue(${objectLiteral(rng)});`,
        `    await expect(${fn}(spy, ${literal(rng)})).resolves.toBeDefined();`,
        `    expect(spy).toHaveBeenCalledTimes(${rng.int(1, 3)});`,
        `  });`);
    else
      lines.push(`  it('${n.sentence()}', () => {`,
        `    const input = ${objectLiteral(rng)};`,
        `    expect(${fn}(input)).toEqual(${objectLiteral(rng)});`,
        `  });`);
  }
  lines.push(`});`);
  return lines;
}

function typeBlock(rng, n) {
  const A = n.type();
  const B = n.type();
  const ev = n.unique(A + 'Event');
  const st = n.unique(A + 'Status');
  const deep = n.unique('Deep' + A);
  const lines = [`export interface ${A}<T extends object = Record<string, unknown>> {`,
    `  readonly id: string;`,
    `  ${n.noun()}: T;`,
    `  ${n.adj()}?: boolean;`,
    `  tags: ReadonlyArray<string>;`,
    `  createdAt: Date;`,
    `}`,
    `export type ${B} = Omit<${A}, 'createdAt'> & { ${n.noun()}Ids: string[]; status: ${st} };`,
    `export enum ${st} { ${['Active', 'Pending', 'Archived'].map((k) => `${k} = '${k.toLowerCase()}'`).join(', ')} }`,
    `export type ${ev} =`,
    `  | { type: '${n.verb()}d'; payload: ${A} }`,
    `  | { type: '${n.verb()}d'; id: string; reason?: string }`,
    `  | { type: 'reset' };`,
    `export type ${deep}<T> = { [K in keyof T]?: T[K] extends object ? ${deep}<T[K]> : T[K] };`,
    `export function ${n.unique('is' + A)}(x: unknown): x is ${A} {`,
    `  return typeof x === 'object' && x !== null && 'id' in x && Array.isArray((x as ${A}).tags);`,
    `}`,
    `export function ${n.unique('reduce' + ev)}(state: ${B}, event: ${ev}): ${B} {`,
    `  switch (event.type) {`,
    `    case 'reset': return { ...state, status: ${st}.Pending };`,
    `    default: return state;`,
    `  }`,
    `}`];
  if (rng.chance(0.4))
    lines.push(`export declare function ${n.fn()}<K extends keyof ${A}>(key: K, value: ${A}[K]): Promise<${A}>;`);
  return lines;
}

/** Declarations only, for .d.ts files. */
function declarationBlock(rng, n) {
  const A = n.type();
  const st = n.unique(A + 'Status');
  const lines = [`export interface ${A} {`,
    `  readonly id: string;`,
    `  ${n.noun()}: ${rng.pick(['string', 'number', 'boolean', 'string[]', 'Record<string, unknown>'])};`,
    `  ${n.adj()}?: ${st};`,
    `}`,
    `export declare enum ${st} { Active = 'active', Pending = 'pending', Archived = 'archived' }`,
    `export type ${n.unique(A + 'Patch')} = Partial<Pick<${A}, 'id'>> & { [key: string]: unknown };`,
    `export declare function ${n.fn()}(input: ${A}, options?: { signal?: AbortSignal; retries?: number }): Promise<${A}[]>;`,
    `export declare const ${n.unique(n.noun() + 'Defaults')}: Readonly<${A}>;`];
  return lines;
}

function dataBlock(rng, n, ctx) {
  const name = n.unique(n.noun() + 'Fixtures');
  const rows = Array.from({ length: rng.int(10, 40) }, () =>
    `  { id: '${n.noun().slice(0, 3)}_${rng.id(10)}', name: '${cap(n.adj())} ${cap(n.noun())}', email: '${n.noun()}.${rng.id(5)}@example.com', score: ${rng.int(0, 1000) / 10}, tags: ['${n.adj()}', '${n.noun()}'] },`);
  return [`${ctx.esm ? 'export ' : ''}const ${name} = [`, ...rows, `];`];
}

let minifiedCounter = 0;
function minifiedChunk(rng) {
  const v = () => '_' + (minifiedCounter++).toString(36);
  switch (rng.int(0, 5)) {
    case 0: return `var ${v()}=function(a,b){return a&&b?a.concat(b):a||b||[]}`;
    case 1: return `function ${v()}(a){for(var b=0,c=a.length;b<c;b++)if(null===a[b])return b;return-1}`;
    case 2: return `var ${v()}={key:"${rng.id(6)}",size:${rng.int(1, 999)},list:[${rng.int(0, 9)},${rng.int(0, 9)},${rng.int(0, 9)}],ok:!0}`;
    case 3: { const f = v(); return `function ${f}(a){this.m=a||{}}${f}.prototype.get=function(a){return this.m[a]},${f}.prototype.set=function(a,b){return this.m[a]=b,this}`; }
    case 4: return `var ${v()}=function(e){return"${rng.pick(HOSTS)}/"+encodeURIComponent(e)+"?v=${rng.int(1, 99)}"}`;
    default: return `var ${v()}=function(e,t){try{return JSON.parse(e)}catch(n){return void 0===t?null:t}}`;
  }
}

/**
 * File kinds with their weights, extensions and generator. `fill(rng, namer, ctx)` returns lines of
 * one block; the generator keeps adding blocks until the target size is reached.
 */
export const KINDS = [
  { kind: 'react', weight: 24, exts: [['tsx', 3], ['jsx', 1]], area: 'components', prelude: (c) => [c.esm ? "import React, { useCallback, useEffect, useMemo, useState } from 'react';" : ''], fill: reactComponent },
  { kind: 'util', weight: 20, exts: [['ts', 5], ['js', 3], ['mjs', 1], ['cjs', 1], ['mts', 0.3], ['cts', 0.3]], area: 'utils', fill: utilFunction },
  { kind: 'express', weight: 11, exts: [['ts', 2], ['js', 2], ['cjs', 1]], area: 'routes', prelude: (c) => [c.esm ? "import { Router } from 'express';" : "const { Router } = require('express');", c.esm ? "import { db } from '../db';" : "const { db } = require('../db');", 'const router = Router();'], postlude: (c) => [c.esm ? 'export default router;' : 'module.exports = router;'], fill: expressHandlers },
  { kind: 'test', weight: 15, exts: [['test.ts', 3], ['spec.js', 1], ['test.tsx', 1]], area: '__tests__', prelude: () => ["import { describe, expect, it, vi } from 'vitest';"], fill: testBlock },
  { kind: 'types', weight: 15, exts: [['ts', 4], ['d.ts', 1]], area: 'types', fill: typeBlock },
  { kind: 'minified', weight: 5, exts: [['min.js', 1], ['js', 1]], area: 'vendor', fill: null },
  { kind: 'data', weight: 10, exts: [['mjs', 1], ['cjs', 1], ['js', 1], ['ts', 1]], area: 'fixtures', fill: dataBlock },
];

/** Generates one unrelated file of about `targetBytes`. */
export function generateUnrelated(rng, kindSpec, ext, targetBytes, imports, contactBias = 0) {
  const n = new Namer(rng, contactBias);
  const ts = /(^|\.)(ts|tsx|mts|cts)$/.test(ext);
  const esm = !/(^|\.)cjs$/.test(ext) && !(ext === 'js' && kindSpec.kind !== 'react' && rng.chance(0.4));
  if (kindSpec.kind === 'minified') {
    let s = '/*! ' + n.noun() + '-bundle v' + rng.int(1, 9) + '.' + rng.int(0, 30) + '.' + rng.int(0, 9) + ' | MIT */\n!function(){"use strict";';
    const parts = [];
    let len = s.length;
    while (len < targetBytes) {
      const c = minifiedChunk(rng);
      parts.push(c);
      len += c.length + 1;
    }
    return s + parts.join(';') + '}();\n//# sourceMappingURL=' + n.noun() + '.min.js.map\n';
  }
  if (ext === 'd.ts') {
    const lines = ["// Generated by bench/generate.mjs: synthetic code unrelated to Front's API."];
    let len = 0;
    while (len < targetBytes) {
      const block = declarationBlock(rng, n);
      lines.push(...block, '');
      len += block.join('\n').length + 1;
    }
    return lines.join('\n');
  }
  const ctx = { ts, esm, imports };
  const lines = ["// Generated by bench/generate.mjs: synthetic code unrelated to Front's API.", ...header(rng, n, ctx)];
  if (kindSpec.prelude) lines.push(...kindSpec.prelude(ctx).filter(Boolean));
  lines.push('');
  let len = lines.join('\n').length;
  while (len < targetBytes) {
    const block = kindSpec.fill(rng, n, ctx);
    lines.push(...block, '');
    len += block.join('\n').length + 1;
  }
  let text = lines.join('\n');
  if (kindSpec.postlude) text += kindSpec.postlude(ctx).join('\n') + '\n';
  return text;
}

