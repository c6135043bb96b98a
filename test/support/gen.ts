/**
 * Program generators for the property tests (test/property.test.ts).
 *
 * Everything is drawn through `Draw`, a thin wrapper over fast-check's `fc.gen()`: the generator reads
 * top to bottom like the code it writes, and fast-check still replays and shrinks every drawn number
 * (integers shrink towards 0, so the FIRST entry of every list below is the simplest choice).
 *
 * What is generated:
 * - Team-contacts URLs (`/teams/<id>/contacts`) written in many ways — string literals (three quote
 *   styles, escape sequences), templates with holes, `+` chains, `.concat`, `[...].join('/')`,
 *   `.replace(':team_id', id)`, consts, object route tables, route functions, `new URL(path, base)` —
 *   with hosts, query strings, fragments and trailing slashes. Each comes with the value the client
 *   receives at run time before and after the fix (computed here from the parts, independently of the
 *   engine) and the source text of the node the finding must be on.
 * - Requests to `/contacts/:contact_id[/…]` through fetch/axios/got/ky/superagent/needle/https with random
 *   methods and redirect options, each with the redirect finding DEVELOPERS.md prescribes.
 * - Front Chat identify calls with random option sets, with the chat findings the rules prescribe.
 * - Near misses from the quiet list (other routes, other hosts, own server routes, comments, following
 *   clients that keep the method, chat calls with an email).
 * - Filler: comments, unicode, escapes, TypeScript-only and JSX syntax where the file type allows it,
 *   random whitespace, LF/CRLF/CR line endings and a BOM.
 * - Broken inputs: a valid program truncated, or with random characters inserted or removed.
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import type { RuleId } from '../../src/core/types';

// ---------------------------------------------------------------- drawing

/**
 * FC_AVOID=a,b: stop generating the inputs of known engine bugs, to look past them while hunting for others.
 * Never set in CI (the properties must show every bug): see the list in test/property.test.ts.
 */
const AVOID = new Set((process.env.FC_AVOID ?? '').split(',').map((s) => s.trim()).filter(Boolean));
export const avoiding = (name: string): boolean => AVOID.has(name);

export class Draw {
  /** The kind of file being written: TypeScript-only syntax is used only where it parses. */
  kind: FileKind = 'js';
  constructor(private readonly g: fc.GeneratorValue) {}
  int(min: number, max: number): number {
    return max <= min ? min : this.g(fc.integer, { min, max });
  }
  /** True with probability p; shrinks to false. */
  chance(p: number): boolean {
    return this.int(0, 999) >= 1000 - Math.round(p * 1000);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  /** Up to `max` items (shrinks to `min`). */
  times<T>(min: number, max: number, f: (i: number) => T): T[] {
    const n = this.int(min, max);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(f(i));
    return out;
  }
  alnum(min: number, max: number): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return this.times(min, max, () => chars[this.int(0, chars.length - 1)]).join('');
  }
}

// ---------------------------------------------------------------- file kinds

export type FileKind = 'ts' | 'tsx' | 'js' | 'jsx' | 'mjs' | 'cjs' | 'mts' | 'cts';
export const FILE_KINDS: readonly FileKind[] = ['ts', 'js', 'tsx', 'mjs', 'cjs', 'jsx', 'mts', 'cts'];
export const isTs = (k: FileKind): boolean => k === 'ts' || k === 'tsx' || k === 'mts' || k === 'cts';
export const allowsJsx = (k: FileKind): boolean => k === 'tsx' || k === 'jsx' || k === 'js';

// ---------------------------------------------------------------- literal rendering

/** Source of a string literal whose value is `text`; `escaped` when the source is not the text verbatim. */
export function stringLiteral(d: Draw, text: string, allowEscapes: boolean, allowBacktick = true): { src: string; escaped: boolean } {
  const q = d.pick(allowBacktick ? (["'", '"', '`'] as const) : (["'", '"'] as const));
  const escapeSlashes = allowEscapes && text.includes('/') && d.chance(0.15);
  const escapeLetter = allowEscapes && d.chance(0.05);
  let escaped = false;
  let body = '';
  for (const ch of text) {
    if (ch === '\\') {
      body += '\\\\';
      escaped = true;
    } else if (ch === q) {
      body += '\\' + ch;
      escaped = true;
    } else if (ch === '\n') {
      body += '\\n';
      escaped = true;
    } else if (ch === '\r') {
      body += '\\r';
      escaped = true;
    } else if (q === '`' && ch === '$') {
      body += '\\$';
      escaped = true;
    } else if (ch === '/' && escapeSlashes) {
      body += d.pick(['\\u002f', '\\x2f', '\\/', '\\u{2F}']);
      escaped = true;
    } else if (escapeLetter && /[a-z]/.test(ch) && d.chance(0.3)) {
      body += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
      escaped = true;
    } else body += ch;
  }
  return { src: q + body + q, escaped };
}

function templateText(d: Draw, text: string, allowEscapes: boolean): { src: string; escaped: boolean } {
  let escaped = false;
  let out = '';
  const slashes = allowEscapes && text.includes('/') && d.chance(0.12) && !avoiding('template-escapes');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '`' || ch === '\\' || (ch === '$' && text[i + 1] === '{')) {
      out += '\\' + ch;
      escaped = true;
    } else if (ch === '/' && slashes) {
      out += d.pick(['\\u002f', '\\x2f']);
      escaped = true;
    } else out += ch;
  }
  return { src: out, escaped };
}

/** Optional whitespace (and now and then a comment or a line break) between tokens. */
function ws(d: Draw, allowNewline = true): string {
  switch (d.int(0, 9)) {
    case 7:
      return '  ';
    case 8:
      return allowNewline ? d.pick(['\n    ', '\n\t', ' /* c */ ', '\n  // note\n  ']) : '\t';
    case 9:
      return d.pick([' /* é ☕ 😀 */ ', '', ' ']);
    default:
      return d.pick(['', ' ']);
  }
}

// ---------------------------------------------------------------- values as atoms

/** A piece of a URL value: literal text, or an expression with a value known at run time. */
export type Atom = { kind: 'lit'; text: string } | { kind: 'ref'; src: string; value: string };

/** Free identifiers that generated code may read (bound by `evaluateProgram`), with their run-time values. */
export interface Bindings {
  teamId: string;
  contactId: string;
  limit: string;
  cursor: string;
  token: string;
  user: { teamId: string; id: string; email: string; name: string };
  FRONT_API_URL: string;
  config: { frontApiUrl: string };
  process: { env: Record<string, string> };
}

export function makeBindings(d: Draw): Bindings {
  const teamId = 'tim_' + d.alnum(1, 6);
  return {
    teamId,
    contactId: 'crd_' + d.alnum(1, 6),
    limit: String(d.int(1, 100)),
    cursor: d.alnum(1, 8),
    token: 'tok_' + d.alnum(1, 6),
    user: { teamId: 'tim_u' + d.alnum(1, 4), id: 'usr_' + d.alnum(1, 4), email: 'u@example.com', name: 'Zoë' },
    FRONT_API_URL: 'https://api2.frontapp.com',
    config: { frontApiUrl: 'https://api2.frontapp.com' },
    process: { env: { FRONT_API_URL: 'https://api2.frontapp.com', FRONT_API_TOKEN: 't', NODE_ENV: 'test' } },
  };
}

export const BINDING_NAMES = ['teamId', 'contactId', 'limit', 'cursor', 'token', 'user', 'FRONT_API_URL', 'config', 'process'] as const;

interface Rendered {
  src: string;
  /** A literal written with escape sequences covers part of [lo, hi) of the value (the engine may then decline to fix). */
  escapedCut: boolean;
}

/** Merges adjacent literal atoms and cuts the literal text at random points (so `+` chains vary). */
function chunk(d: Draw, atoms: Atom[], noCutInside: Array<[number, number]> = []): Array<Atom & { at: number }> {
  const merged: Atom[] = [];
  for (const a of atoms) {
    const last = merged[merged.length - 1];
    if (a.kind === 'lit' && last?.kind === 'lit') merged[merged.length - 1] = { kind: 'lit', text: last.text + a.text };
    else if (a.kind !== 'lit' || a.text) merged.push(a);
  }
  const out: Array<Atom & { at: number }> = [];
  let at = 0;
  for (const a of merged) {
    if (a.kind === 'ref') {
      out.push({ ...a, at });
      at += a.value.length;
      continue;
    }
    let s = a.text;
    while (s.length > 1 && d.chance(0.35)) {
      const cut = d.int(1, s.length - 1);
      if (avoiding('split-scheme') && at === 0 && /^[a-z]+:?\/?$/i.test(s.slice(0, cut))) break;
      if (noCutInside.some(([lo, hi]) => at + cut > lo && at + cut < hi)) break;
      out.push({ kind: 'lit', text: s.slice(0, cut), at });
      at += cut;
      s = s.slice(cut);
    }
    out.push({ kind: 'lit', text: s, at });
    at += s.length;
  }
  return out;
}

type Piece = Atom & { at: number };

function cutsEscaped(p: Piece, escaped: boolean, del: [number, number]): boolean {
  if (!escaped || p.kind !== 'lit') return false;
  const lo = p.at;
  const hi = p.at + p.text.length;
  const overlaps = lo < del[1] && del[0] < hi;
  const inside = lo >= del[0] && hi <= del[1];
  return overlaps && !inside;
}

type Style = 'literal' | 'plus' | 'template' | 'concat' | 'mixed';

/** In TypeScript files, now and then a type-only wrapper around a value: `x as string`, `x!`, `<string>x`. */
function tsWrap(d: Draw, src: string): string {
  if (!isTs(d.kind) || !d.chance(0.2)) return src;
  const forms = [`(${src} as string)`, `${src}!`, `(${src} satisfies string)`, `(${src} as unknown as string)`];
  if (d.kind !== 'tsx') forms.push(`(<string>${src})`);
  return d.pick(forms);
}

/** Renders pieces as one expression in the given style. */
function renderPieces(d: Draw, pieces: Piece[], style: Style, del: [number, number], escapes: boolean, depth = 0): Rendered {
  let escapedCut = false;
  const inDel = (p: Piece): boolean => p.at >= del[0] && p.at + (p.kind === 'lit' ? p.text.length : p.value.length) <= del[1];
  const lit = (p: Piece, backtick = true): string => {
    const r = stringLiteral(d, (p as { text: string }).text, escapes, backtick);
    if (cutsEscaped(p, r.escaped, del)) escapedCut = true;
    return r.src;
  };
  const operand = (p: Piece): string => (p.kind === 'lit' ? lit(p) : tsWrap(d, p.src));
  if (pieces.length === 0) return { src: "''", escapedCut };
  if (style === 'literal' || (pieces.length === 1 && pieces[0].kind === 'lit' && style !== 'template')) {
    if (pieces.every((p) => p.kind === 'lit')) {
      const whole: Piece = { kind: 'lit', text: pieces.map((p) => (p as { text: string }).text).join(''), at: pieces[0].at };
      return { src: lit(whole), escapedCut };
    }
    style = 'plus';
  }
  if (style === 'mixed' && pieces.length >= 3 && depth < 2) {
    const cut1 = d.int(1, pieces.length - 1);
    const groups = [pieces.slice(0, cut1), pieces.slice(cut1)];
    const sub = groups.map((g) => {
      const r = renderPieces(d, g, d.pick(['plus', 'template', 'concat', 'mixed'] as const), del, escapes, depth + 1);
      if (r.escapedCut) escapedCut = true;
      return r.src;
    });
    let top = d.pick(['plus', 'concat', 'template'] as const);
    if (top === 'concat' && avoiding('concat-receiver') && groups[0].every(inDel)) top = 'plus';
    if (top === 'concat' && avoiding('concat-only-arg') && groups[1].every(inDel)) top = 'plus';
    if (top === 'plus') {
      const single = /^(['"`])[^'"`]*\1$/.test(sub[1]);
      const right = single && avoiding('paren-literal') ? sub[1] : `(${sub[1]})`;
      return { src: `${sub[0]}${ws(d)}+${ws(d)}${right}`, escapedCut };
    }
    if (top === 'concat') return { src: `(${sub[0]}).concat(${ws(d)}${sub[1]}${ws(d)})`, escapedCut };
    return { src: '`${' + sub[0] + '}${' + sub[1] + '}`', escapedCut };
  }
  if (style === 'mixed') style = 'plus';
  if (style === 'template') {
    let src = '`';
    for (const p of pieces) {
      if (p.kind === 'ref') src += '${' + ws(d) + tsWrap(d, p.src) + ws(d) + '}';
      else if (d.chance(0.1)) src += '${' + lit(p, false) + '}';
      else {
        const t = templateText(d, p.text, escapes);
        if (cutsEscaped(p, t.escaped, del)) escapedCut = true;
        src += t.src;
      }
    }
    return { src: src + '`', escapedCut };
  }
  if (style === 'concat' && avoiding('concat-receiver') && pieces[0].at >= del[0] && pieces[0].at < del[1]) style = 'plus';
  if (style === 'concat' && avoiding('concat-only-arg') && pieces.length > 1 && pieces.slice(1).every(inDel)) style = 'plus';
  if (style === 'concat') {
    const [first, ...rest] = pieces;
    const recv = first.kind === 'lit' ? lit(first) : /^[\w.$]+$/.test(first.src) ? first.src : `(${first.src})`;
    const args = rest.map((p) => operand(p));
    return { src: `${recv}.concat(${args.map((a) => ws(d) + a).join(',')}${ws(d)})`, escapedCut };
  }
  // plus: maybe parenthesise a run
  const ops = pieces.map(operand);
  if (ops.length >= 3 && d.chance(0.25)) {
    const i = d.int(0, ops.length - 2);
    const j = d.int(i + 1, i === 0 ? ops.length - 2 : ops.length - 1);
    const group = ops.slice(i, j + 1).join(' + ');
    ops.splice(i, j - i + 1, `(${group})`);
  }
  return { src: ops.map((o, i) => (i === 0 ? o : `${ws(d)}+${ws(d)}${o}`)).join(''), escapedCut };
}

// ---------------------------------------------------------------- team contacts URLs

export const FRONT_ORIGINS = ['https://api2.frontapp.com', 'https://api.frontapp.com', 'https://acme.api.frontapp.com', 'https://api2.frontapp.com:443'];
export const OTHER_ORIGINS = ['https://api.example.com', 'https://crm.internal:8080', 'https://api2.frontapp.co', 'https://notfrontapp.com', 'https://frontapp.com.evil.io', 'http://localhost:3000'];

export interface TeamTarget {
  /** Statements the expression needs, placed before the call. */
  decls: string[];
  /** The request statement (one line-start call). */
  call: string;
  /** Source text of the node the finding must be reported on. */
  site: string;
  /** What the client receives at run time, before and after the fix. */
  original: string;
  fixed: string;
  /** An escaped literal is cut in part: the engine documents that it then declines to fix. */
  mayRefuse: boolean;
  /** Modules the call needs (`require`d once per program). */
  needs: Client[];
  /** An ignore directive on the line before: no finding, no fix. */
  suppressed?: boolean;
}

export type Client = 'axios' | 'got' | 'ky' | 'superagent' | 'needle' | 'https' | 'node-fetch' | 'undici' | 'request' | 'ofetch';

const TAILS: Array<(b: Bindings) => Atom[]> = [
  () => [],
  () => [{ kind: 'lit', text: '?limit=50' }],
  () => [{ kind: 'lit', text: '/' }],
  (b) => [{ kind: 'lit', text: '?limit=' }, { kind: 'ref', src: 'limit', value: b.limit }],
  (b) => [{ kind: 'lit', text: '?page_token=' }, { kind: 'ref', src: 'encodeURIComponent(cursor)', value: encodeURIComponent(b.cursor) }, { kind: 'lit', text: '&limit=10' }],
  () => [{ kind: 'lit', text: '/?q=a%20b&sort_by=created_at' }],
  () => [{ kind: 'lit', text: '#top' }],
  () => [{ kind: 'lit', text: '?q=caf\u00e9' }],
];

/** The deprecated route removed from a URL value: `/teams/<id>/contacts` → `/contacts` (the oracle). */
export function withoutTeam(url: string): string {
  return url.replace(/(\/?)teams\/[^/?#]+\/contacts/, (_m, slash: string) => `${slash}contacts`);
}

interface IdChoice {
  atom: Atom;
  /** `.replace(PH, id)` applied to the whole path (the atom is then the placeholder text). */
  replace?: { pattern: string; method: 'replace' | 'replaceAll'; id: Atom };
  /** A const the id is read from. */
  decl?: string;
}

function teamId(d: Draw, b: Bindings, k: number): IdChoice {
  switch (d.int(0, 8)) {
    case 0:
      return { atom: { kind: 'lit', text: 'tim_' + d.alnum(1, 5) } };
    case 1:
      return { atom: { kind: 'ref', src: 'teamId', value: b.teamId } };
    case 2:
      return { atom: { kind: 'ref', src: 'encodeURIComponent(teamId)', value: encodeURIComponent(b.teamId) } };
    case 3:
      return { atom: { kind: 'ref', src: 'user.teamId', value: b.user.teamId } };
    case 4: {
      const v = 'tim_' + d.alnum(1, 4);
      return { atom: { kind: 'ref', src: `TEAM_ID_${k}`, value: v }, decl: `const TEAM_ID_${k} = '${v}';` };
    }
    case 5: {
      if (avoiding('numeric-id')) return { atom: { kind: 'ref', src: 'teamId', value: b.teamId } };
      const n = d.int(1, 9999);
      return { atom: { kind: 'ref', src: String(n), value: String(n) } };
    }
    case 6:
      return { atom: { kind: 'ref', src: 'String(teamId)', value: b.teamId } };
    default: {
      const ph = d.pick([':team_id', '{team_id}', '<team_id>', ':teamId', '{teamId}']);
      const method = d.pick(['replace', 'replaceAll'] as const);
      const id = d.pick<Atom>([
        { kind: 'ref', src: 'teamId', value: b.teamId },
        { kind: 'ref', src: 'encodeURIComponent(teamId)', value: encodeURIComponent(b.teamId) },
        { kind: 'lit', text: 'tim_' + d.alnum(1, 3) },
      ]);
      return { atom: { kind: 'lit', text: ph }, replace: { pattern: ph, method, id } };
    }
  }
}

function patternSource(d: Draw, pattern: string, method: 'replace' | 'replaceAll'): string {
  const asRegex = method === 'replace' && d.chance(0.3);
  if (asRegex) return '/' + pattern.replace(/[{}]/g, (c) => '\\' + c) + '/' + d.pick(['', 'g']);
  return stringLiteral(d, pattern, false).src;
}

function idSource(d: Draw, a: Atom): string {
  return a.kind === 'ref' ? a.src : stringLiteral(d, a.text, false).src;
}

/** A request statement that sends `expr` (absolute, or relative to a Front origin when `relative`). */
function teamCall(d: Draw, expr: string, k: number, relative: 'abs' | 'slash' | 'bare', origin: string): { decls: string[]; call: string; needs: Client[] } {
  const e = ws(d, false) + expr + ws(d, false);
  if (relative === 'bare') {
    // got's prefixUrl and ky's prefixUrl want paths without a leading slash
    if (d.chance(0.5)) return { decls: [`const api_${k} = got.extend({ prefixUrl: '${origin}' });`], call: `api_${k}(${e});`, needs: ['got'] };
    return { decls: [`const api_${k} = ky.create({ prefixUrl: '${origin}/' });`], call: `api_${k}.get(${e});`, needs: ['ky'] };
  }
  if (relative === 'slash') {
    // a bare path reaches Front only through a client with a Front base URL
    const inst = `front_${k}`;
    const decl = `const ${inst} = axios.create({ baseURL: '${origin}', headers: { Authorization: 'Bearer ' + token } });`;
    const call = d.pick([`${inst}.get(${e});`, `${inst}.post(${e}, { name: 'Zoë' });`, `${inst}.request({ url: ${e}, method: 'GET' });`, `${inst}(${e});`]);
    return { decls: [decl], call, needs: ['axios'] };
  }
  switch (d.int(0, 11)) {
    case 0:
      return { decls: [], call: `fetch(${e});`, needs: [] };
    case 1:
      return { decls: [], call: `fetch(${e}, { method: 'POST', headers: { Authorization: \`Bearer \${token}\` }, body: JSON.stringify({ name: 'x' }) });`, needs: [] };
    case 2:
      return { decls: [], call: `axios.get(${e}, { params: { limit: 10 } });`, needs: ['axios'] };
    case 3:
      return { decls: [], call: `axios.post(${e}, { name: 'x' }, { maxRedirects: 0 });`, needs: ['axios'] };
    case 4:
      return { decls: [], call: `axios({ method: 'get', url: ${e} });`, needs: ['axios'] };
    case 5:
      return { decls: [], call: `got(${e}, { followRedirect: false });`, needs: ['got'] };
    case 6:
      return { decls: [], call: `ky.get(${e}, { redirect: 'manual' });`, needs: ['ky'] };
    case 7:
      return { decls: [], call: `superagent.get(${e}).set('Authorization', 'Bearer x').redirects(0);`, needs: ['superagent'] };
    case 8:
      return { decls: [], call: `needle('get', ${e}, null, { headers: {} });`, needs: ['needle'] };
    case 9:
      return { decls: [], call: `https.get(${e}, (res) => res.resume());`, needs: ['https'] };
    case 10: {
      const v = `url_${k}`;
      return { decls: [], call: `const ${v} = ${expr}; fetch(${v}, { redirect: 'error' });`, needs: [] };
    }
    default:
      return { decls: [], call: `nodeFetch(${e}, { method: 'GET', follow: 0 });`, needs: ['node-fetch'] };
  }
}

/**
 * A team-contacts URL, written in one of many ways, sent by one request. `k` makes declared names unique.
 */
export function teamTarget(d: Draw, b: Bindings, k: number, allowEscapes = true): TeamTarget {
  const shape = d.pick(['inline', 'inline', 'join', 'newUrl', 'constPath', 'constUrl', 'routeTable', 'routeFn'] as const);
  const tail = d.pick(TAILS)(b);
  let id = teamId(d, b, k);
  if (id.decl && avoiding('indirect-id') && shape !== 'inline' && shape !== 'join' && shape !== 'newUrl') id = { atom: { kind: 'ref', src: 'teamId', value: b.teamId } };
  if (id.replace && id.replace.id.kind === 'lit' && avoiding('indirect-id') && shape !== 'inline' && shape !== 'join' && shape !== 'newUrl') id.replace.id = { kind: 'ref', src: 'teamId', value: b.teamId };
  const decls: string[] = id.decl ? [id.decl] : [];
  const idVal = (a: Atom): string => (a.kind === 'lit' ? a.text : a.value);
  const tailVal = tail.map(idVal).join('');
  const realId = id.replace ? idVal(id.replace.id) : idVal(id.atom);

  // origin: how the host is written (or none: relative to a Front base / file evidence)
  const originKind = d.pick(['lit', 'lit', 'const', 'hole', 'env', 'config', 'none'] as const);
  const host = d.pick(FRONT_ORIGINS);
  let origin: Atom | undefined;
  switch (originKind) {
    case 'lit':
      origin = { kind: 'lit', text: host };
      break;
    case 'const':
      decls.push(`const BASE_${k} = '${host}';`);
      origin = { kind: 'ref', src: `BASE_${k}`, value: host };
      break;
    case 'hole':
      origin = { kind: 'ref', src: 'FRONT_API_URL', value: b.FRONT_API_URL };
      break;
    case 'env':
      origin = { kind: 'ref', src: 'process.env.FRONT_API_URL', value: b.process.env.FRONT_API_URL };
      break;
    case 'config':
      origin = { kind: 'ref', src: 'config.frontApiUrl', value: b.config.frontApiUrl };
      break;
    default:
      origin = undefined;
  }
  const originVal = origin ? idVal(origin) : '';

  const pathAtoms = (leadingSlash: boolean): Atom[] => [{ kind: 'lit', text: leadingSlash ? '/teams/' : 'teams/' }, id.atom, { kind: 'lit', text: '/contacts' }, ...tail];
  /** Where the deleted text sits in the value, for the escaped-literal check. */
  const delRange = (prefixLen: number, leadingSlash: boolean): [number, number] => {
    // the engine deletes `/teams/<id>` (or `teams/<id>/` for a bare path), keeping the other slash
    const idLen = idVal(id.atom).length;
    return [prefixLen, prefixLen + (leadingSlash ? 7 + idLen : 6 + idLen + 1)];
  };
  const withReplace = (src: string, single: boolean): string => {
    if (!id.replace) return src;
    const recv = single ? src : `(${src})`;
    return `${recv}.${id.replace.method}(${patternSource(d, id.replace.pattern, id.replace.method)}, ${idSource(d, id.replace.id)})`;
  };
  const isSingle = (src: string): boolean => /^(['"`])[^'"`]*\1$/.test(src) || /^[\w$]+$/.test(src);
  const renderValue = (atoms: Atom[], del: [number, number], noCut: Array<[number, number]>, held = false): Rendered => {
    const pieces = chunk(d, atoms, noCut);
    let style = d.pick(['plus', 'template', 'literal', 'concat', 'mixed'] as const);
    if (held && avoiding('template-const') && (style === 'template' || style === 'mixed')) style = 'plus';
    return renderPieces(d, pieces, style, del, allowEscapes && !(id.replace && avoiding('escape-replace')));
  };
  const phRange = (prefixLen: number, slash: boolean): Array<[number, number]> => {
    if (!id.replace) return [];
    const s = prefixLen + (slash ? 7 : 6);
    return [[s, s + id.replace.pattern.length]];
  };

  const finish = (expr: string, site: string | 'expr', original: string, fixed: string, mayRefuse: boolean, rel: 'abs' | 'slash' | 'bare'): TeamTarget => {
    const c = teamCall(d, expr, k, rel, host);
    return { decls: [...decls, ...c.decls], call: c.call, site: site === 'expr' ? expr : site, original, fixed, mayRefuse, needs: c.needs };
  };
  const rel: 'abs' | 'slash' = origin ? 'abs' : 'slash';
  const originalUrl = `${originVal}/teams/${realId}/contacts${tailVal}`;

  switch (shape) {
    case 'join': {
      // [origin, 'teams', id, 'contacts…'].join('/')
      const els: string[] = [];
      els.push(origin ? (origin.kind === 'lit' ? stringLiteral(d, origin.text, false).src : origin.src) : "''");
      els.push(stringLiteral(d, 'teams', false).src);
      els.push(id.atom.kind === 'lit' ? stringLiteral(d, id.atom.text, false).src : id.atom.src);
      const tailLit = tail.every((t) => t.kind === 'lit') && !tailVal.startsWith('/');
      if (tailLit) els.push(stringLiteral(d, 'contacts' + tailVal, false).src);
      else if (tailVal.startsWith('/')) {
        els.push(stringLiteral(d, 'contacts', false).src);
        els.push(stringLiteral(d, tailVal.slice(1), false).src);
      } else {
        els.push(tail.reduce((acc, t) => `${acc} + ${t.kind === 'lit' ? stringLiteral(d, t.text, false).src : t.src}`, stringLiteral(d, 'contacts', false).src));
      }
      const trailingComma = d.chance(0.2) ? ',' : '';
      const sep = stringLiteral(d, '/', false).src;
      const expr = withReplace(`[${els.map((x) => ws(d) + x).join(',')}${trailingComma}${ws(d)}].join(${sep})`, false);
      return finish(expr, 'expr', originalUrl, withoutTeam(originalUrl), false, rel);
    }
    case 'newUrl': {
      // new URL(path, base): absolute path, or a path relative to a base ending in '/'
      const slash = d.chance(0.6) || !origin || avoiding('newurl-relative');
      const baseVal = origin ? originVal + (slash ? d.pick(['', '/', '/ignored/path']) : '/') : host + '/';
      const baseSrc = d.pick(['lit', 'const', 'newUrlConst'] as const);
      let base: string;
      if (baseSrc === 'lit' || !origin) base = stringLiteral(d, baseVal, false).src;
      else if (baseSrc === 'const') {
        decls.push(`const FRONT_BASE_${k} = '${baseVal}';`);
        base = `FRONT_BASE_${k}`;
      } else {
        decls.push(`const FRONT_BASE_${k} = new URL('${baseVal}');`);
        base = `FRONT_BASE_${k}`;
      }
      const atoms = pathAtoms(slash);
      const r = renderValue(atoms, delRange(0, slash), phRange(0, slash));
      const pathOriginal = `${slash ? '/' : ''}teams/${realId}/contacts${tailVal}`;
      const original = new URL(pathOriginal, baseVal).href;
      const fixed = new URL(withoutTeam(pathOriginal), baseVal).href;
      const expr = `new URL(${withReplace(r.src, isSingle(r.src))}, ${base})${d.pick(['', '', '.href', '.toString()'])}`;
      return finish(expr, expr.replace(/(\.href|\.toString\(\))$/, ''), original, fixed, r.escapedCut, 'abs');
    }
    case 'constPath': {
      // const TC = '/teams/…/contacts'; origin + TC
      const atoms = pathAtoms(true);
      const r = renderValue(atoms, delRange(0, true), phRange(0, true), true);
      const init = withReplace(r.src, isSingle(r.src));
      decls.push(`const TEAM_CONTACTS_${k} = ${init};`);
      const pathVal = `/teams/${realId}/contacts${tailVal}`;
      if (!origin) return finish(`TEAM_CONTACTS_${k}`, init, pathVal, withoutTeam(pathVal), r.escapedCut, 'slash');
      const o = origin.kind === 'lit' ? stringLiteral(d, origin.text, false).src : origin.src;
      const expr = d.pick([`${o} + TEAM_CONTACTS_${k}`, '`${' + o + '}${TEAM_CONTACTS_' + k + '}`', `${o}.concat(TEAM_CONTACTS_${k})`]);
      return finish(expr, init, originalUrl, withoutTeam(originalUrl), r.escapedCut, 'abs');
    }
    case 'constUrl': {
      // const URL_k = <whole url>; fetch(URL_k)
      const atoms = [...(origin ? [origin] : []), ...pathAtoms(true)];
      const r = renderValue(atoms, delRange(originVal.length, true), phRange(originVal.length, true), true);
      const init = withReplace(r.src, isSingle(r.src));
      decls.push(`const TEAM_URL_${k} = ${init};`);
      return finish(`TEAM_URL_${k}`, init, originalUrl, withoutTeam(originalUrl), r.escapedCut, rel);
    }
    case 'routeTable': {
      // const ROUTES = { …, teamContacts: '/teams/:team_id/contacts' }; origin + ROUTES.teamContacts.replace(…)
      const atoms = pathAtoms(true);
      const r = renderValue(atoms, delRange(0, true), phRange(0, true), true);
      const key = d.pick(['teamContacts', "'team-contacts'", 'list']);
      const access = key.startsWith("'") ? `ROUTES_${k}[${key}]` : `ROUTES_${k}.${key}`;
      decls.push(`const ROUTES_${k} = {${ws(d)}me: '/me',${ws(d)}${key}: ${r.src},${ws(d)}teammates: '/teammates'${d.chance(0.3) ? ',' : ''}${ws(d)}};`);
      const path = withReplace(access, true);
      const pathVal = `/teams/${realId}/contacts${tailVal}`;
      if (!origin) return finish(path, r.src, pathVal, withoutTeam(pathVal), r.escapedCut, 'slash');
      const o = origin.kind === 'lit' ? stringLiteral(d, origin.text, false).src : origin.src;
      return finish(`${o} + ${path}`, r.src, originalUrl, withoutTeam(originalUrl), r.escapedCut, 'abs');
    }
    case 'routeFn': {
      // const ROUTES = { teamContacts: (id) => `/teams/${id}/contacts` }; origin + ROUTES.teamContacts(teamId)
      const param = d.pick(['id', 'teamId', 'tid']);
      let idArg = id.replace ? id.replace.id : id.atom;
      if (idArg.kind === 'lit' && avoiding('indirect-id')) idArg = { kind: 'ref', src: 'teamId', value: b.teamId };
      const atoms: Atom[] = [{ kind: 'lit', text: '/teams/' }, { kind: 'ref', src: param, value: idVal(idArg) }, { kind: 'lit', text: '/contacts' }, ...tail];
      const r = renderValue(atoms, delRange(0, true), [], true);
      const fn = d.pick(['arrow', 'method', 'function'] as const);
      const member = fn === 'arrow' ? `teamContacts: (${param}) => ${r.src}` : fn === 'method' ? `teamContacts(${param}) { return ${r.src}; }` : `teamContacts: function (${param}) { return ${r.src}; }`;
      decls.push(`const ROUTES_${k} = { me: () => '/me', ${member} };`);
      const call = `ROUTES_${k}.teamContacts(${idSource(d, idArg)})`;
      const origVal = `${originVal}/teams/${idVal(idArg)}/contacts${tailVal}`;
      if (!origin) return finish(call, r.src, origVal, withoutTeam(origVal), r.escapedCut, 'slash');
      const o = origin.kind === 'lit' ? stringLiteral(d, origin.text, false).src : origin.src;
      return finish(`${o} + ${call}`, r.src, origVal, withoutTeam(origVal), r.escapedCut, 'abs');
    }
    default: {
      const bare = !origin && d.chance(0.25);
      const atoms = [...(origin ? [origin] : []), ...pathAtoms(!bare)];
      const r = renderValue(atoms, delRange(originVal.length, !bare), phRange(originVal.length, !bare));
      const expr = withReplace(r.src, isSingle(r.src));
      const value = bare ? `teams/${realId}/contacts${tailVal}` : originalUrl;
      return finish(expr, 'expr', value, withoutTeam(value), r.escapedCut, bare ? 'bare' : rel);
    }
  }
}

// ---------------------------------------------------------------- contact routes and redirect clients

export interface ContactCall {
  decls: string[];
  call: string;
  /** The redirect finding this request calls for (auth-dropped, or none on api.frontapp.com: follows and keeps the method). */
  expect: RuleId[];
  needs: Client[];
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
const SUBS = ['', '/notes', '/conversations', '/handles'];

function contactUrl(d: Draw, b: Bindings, origin: string | undefined): string {
  const sub = d.pick(SUBS);
  const id: Atom = d.pick<Atom>([{ kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: 'crd_' + d.alnum(1, 4) }, { kind: 'ref', src: 'user.id', value: b.user.id }]);
  const atoms: Atom[] = [...(origin ? [{ kind: 'lit', text: origin } as Atom] : []), { kind: 'lit', text: '/contacts/' }, id, { kind: 'lit', text: sub + d.pick(['', '', '?limit=5']) }];
  return renderPieces(d, chunk(d, atoms), d.pick(['template', 'plus', 'literal', 'concat'] as const), [0, 0], false).src;
}

/** A request to /contacts/:id[/sub] on Front, with random client, method and redirect options. */
export function contactCall(d: Draw, b: Bindings, k: number): ContactCall {
  const origin = d.pick(['https://api2.frontapp.com', 'https://api.frontapp.com']);
  const method = d.pick(METHODS);
  const lower = method.toLowerCase();
  const url = contactUrl(d, b, origin);
  const disabled: RuleId[] = ['contact-redirect-disabled'];
  const changed: RuleId[] = ['contact-redirect-method-change'];
  // Front's Location is on api.frontapp.com: following it from api2 drops Authorization (a kept method only).
  const kept: RuleId[] = origin === 'https://api.frontapp.com' ? [] : ['contact-redirect-auth-dropped'];
  const body = method === 'GET' || method === 'DELETE' ? '' : `, body: JSON.stringify({ body: 'note' })`;
  switch (d.int(0, 14)) {
    case 8: {
      // fetch with its init in a const, a spread of shared options, or a Request
      const redirect = d.pick([undefined, 'follow', 'manual', 'error']);
      const follows = redirect !== 'manual' && redirect !== 'error';
      const expect = !follows ? disabled : method === 'POST' ? changed : kept;
      const r = redirect ? `redirect: '${redirect}'` : '';
      const m = `method: '${method}'`;
      switch (d.int(0, 2)) {
        case 0:
          return { decls: [`const init_${k} = { ${[m, r].filter(Boolean).join(', ')}${body} };`], call: `fetch(${url}, init_${k});`, expect, needs: [] };
        case 1:
          return { decls: [`const shared_${k} = { headers: { Accept: 'application/json' }${r ? ', ' + r : ''} };`], call: `fetch(${url}, { ...shared_${k}, ${m}${body} });`, expect, needs: [] };
        default:
          return { decls: [], call: `fetch(new Request(${url}, { ${[m, r].filter(Boolean).join(', ')} }));`, expect, needs: [] };
      }
    }
    case 9: {
      // node-fetch: follow: 0 turns following off
      const follow = d.pick([undefined, 0, 20]);
      const call = `nodeFetch(${url}, { method: '${method}'${follow !== undefined ? `, follow: ${follow}` : ''}${body} });`;
      return { decls: [], call, expect: follow === 0 ? disabled : method === 'POST' ? changed : kept, needs: ['node-fetch'] };
    }
    case 10: {
      // undici: request() never follows; fetch() is WHATWG fetch
      if (d.chance(0.5)) return { decls: [], call: `undici.request(${url}, { method: '${method}' });`, expect: disabled, needs: ['undici'] };
      const redirect = d.pick([undefined, 'manual']);
      return { decls: [], call: `undici.fetch(${url}, { method: '${method}'${redirect ? `, redirect: '${redirect}'` : ''} });`, expect: redirect ? disabled : method === 'POST' ? changed : kept, needs: ['undici'] };
    }
    case 11: {
      // request: follows GET only, unless followAllRedirects (then writes become GET); followRedirect: false disables
      const fr = d.pick([undefined, false]);
      const far = d.pick([undefined, true]);
      const opts = [`url: ${url}`, `method: '${method}'`, fr === false ? 'followRedirect: false' : '', far ? 'followAllRedirects: true' : ''].filter(Boolean).join(', ');
      let expect = kept;
      if (fr === false) expect = disabled;
      else if (method !== 'GET') expect = far ? changed : disabled;
      return { decls: [], call: `request({ ${opts} }, (err, res) => {});`, expect, needs: ['request'] };
    }
    case 12: {
      // ofetch: like fetch
      const redirect = d.pick([undefined, 'manual', 'error']);
      const call = `ofetch(${url}, { method: '${method}'${redirect ? `, redirect: '${redirect}'` : ''} });`;
      return { decls: [], call, expect: redirect ? disabled : method === 'POST' ? changed : kept, needs: ['ofetch'] };
    }
    case 13: {
      // configured instances: got.extend / ky.create / axios instance defaults
      const which = d.pick(['got', 'ky', 'axios'] as const);
      const inst = `inst_${k}`;
      const off = d.chance(0.5);
      if (which === 'got') {
        const decl = `const ${inst} = got.extend({ prefixUrl: '${origin}'${off ? ', followRedirect: false' : ''} });`;
        const rel = `'contacts/' + contactId${d.pick(["", " + '/notes'"])}`;
        const expect = off ? disabled : method === 'POST' && origin !== 'https://api.frontapp.com' ? changed : kept;
        return { decls: [decl], call: `${inst}.${lower}(${rel});`, expect, needs: ['got'] };
      }
      if (which === 'ky') {
        const decl = `const ${inst} = ky.create({ prefixUrl: '${origin}'${off ? ", redirect: 'manual'" : ''} });`;
        const rel = `'contacts/' + contactId${d.pick(["", " + '/notes'"])}`;
        return { decls: [decl], call: `${inst}.${lower}(${rel});`, expect: off ? disabled : method === 'POST' ? changed : kept, needs: ['ky'] };
      }
      const decl = `const ${inst} = axios.create({ baseURL: '${origin}' });${off ? `\n${inst}.defaults.maxRedirects = 0;` : ''}`;
      const rel = `\`/contacts/\${contactId}${d.pick(['', '/notes'])}\``;
      const withData = method === 'POST' || method === 'PUT' || method === 'PATCH';
      return { decls: [decl], call: `${inst}.${lower}(${rel}${withData ? ', {}' : ''});`, expect: off ? disabled : method === 'POST' ? changed : kept, needs: ['axios'] };
    }
    case 14: {
      // a GET through a following client: nothing to report
      const call = d.pick([`fetch(${url});`, `axios.get(${url});`, `got(${url});`, `superagent.get(${url});`]);
      return { decls: [], call, expect: kept, needs: ['axios', 'got', 'superagent'] };
    }
    case 0: {
      // fetch: follows unless redirect manual|error; a followed 301 turns POST into GET
      const redirect = d.pick([undefined, 'follow', 'manual', 'error']);
      const opts = [method !== 'GET' || d.chance(0.3) ? `method: '${d.chance(0.2) ? lower : method}'` : '', redirect ? `redirect: '${redirect}'` : ''].filter(Boolean).join(', ');
      const call = opts ? `fetch(${url}, { ${opts}${body} });` : `fetch(${url});`;
      const follows = redirect !== 'manual' && redirect !== 'error';
      return { decls: [], call, expect: !follows ? disabled : method === 'POST' ? changed : kept, needs: [] };
    }
    case 1: {
      // axios: maxRedirects 0 (per call or on the instance) disables following; POST becomes GET
      const where = d.pick(['none', 'call', 'instance'] as const);
      const mr = d.pick([0, 5]);
      const cfg = where === 'call' ? `{ maxRedirects: ${mr} }` : '';
      let decls: string[] = [];
      let recv = 'axios';
      if (where === 'instance') {
        recv = `client_${k}`;
        decls = [`const ${recv} = axios.create({ maxRedirects: ${mr}, timeout: 5000 });`];
      }
      const withData = method === 'POST' || method === 'PUT' || method === 'PATCH';
      const form = d.pick(['verb', 'config'] as const);
      const call =
        form === 'verb'
          ? `${recv}.${lower}(${url}${withData ? ", { body: 'n' }" : ''}${cfg ? (withData ? ', ' : ', ') + cfg : ''});`
          : `${recv}({ method: '${lower}', url: ${url}${where === 'call' ? `, maxRedirects: ${mr}` : ''} });`;
      const off = where !== 'none' && mr === 0;
      return { decls, call, expect: off ? disabled : method === 'POST' ? changed : kept, needs: ['axios'] };
    }
    case 2: {
      // got: followRedirect false disables; POST is rewritten cross-origin (api2 → api) or with methodRewriting
      const fr = d.pick([undefined, true, false]);
      const mrw = d.pick([undefined, false, true]);
      const opts = [`method: '${method}'`, fr !== undefined ? `followRedirect: ${fr}` : '', mrw !== undefined ? `methodRewriting: ${mrw}` : ''].filter(Boolean).join(', ');
      const call = d.chance(0.5) ? `got(${url}, { ${opts} });` : `got.${lower}(${url}, { ${opts.replace(/^method: '[A-Z]+',? ?/, '')} });`;
      let expect = kept;
      if (fr === false) expect = disabled;
      else if (method === 'POST' && (mrw === true || origin !== 'https://api.frontapp.com')) expect = changed;
      else if (method !== 'GET' && method !== 'POST' && mrw === true) expect = changed;
      return { decls: [], call, expect, needs: ['got'] };
    }
    case 3: {
      // ky: like fetch
      const redirect = d.pick([undefined, 'follow', 'manual', 'error']);
      const opts = redirect ? `, { redirect: '${redirect}' }` : '';
      const call = `ky.${lower}(${url}${opts});`;
      const follows = redirect !== 'manual' && redirect !== 'error';
      return { decls: [], call, expect: !follows ? disabled : method === 'POST' ? changed : kept, needs: ['ky'] };
    }
    case 4: {
      // superagent: .redirects(0) disables; a followed 301 turns every method but HEAD into GET
      const r = d.pick([undefined, 0, 2]);
      const verb = method === 'DELETE' ? d.pick(['del', 'delete']) : lower;
      const call = `superagent.${verb}(${url}).set('Accept', 'application/json')${r !== undefined ? `.redirects(${r})` : ''};`;
      return { decls: [], call, expect: r === 0 ? disabled : method !== 'GET' ? changed : kept, needs: ['superagent'] };
    }
    case 5: {
      // needle: follows only with follow_max; following needle rewrites every method unless follow_keep_method
      const fm = d.pick([undefined, 0, 3]);
      const keep = d.pick([undefined, true, false]);
      const opts = [fm !== undefined ? `follow_max: ${fm}` : '', keep !== undefined ? `follow_keep_method: ${keep}` : ''].filter(Boolean).join(', ');
      const call = `needle('${lower}', ${url}, ${method === 'GET' ? 'null' : "{ body: 'n' }"}, { ${opts} });`;
      const follows = fm !== undefined && fm > 0;
      return { decls: [], call, expect: !follows ? disabled : method !== 'GET' && keep !== true ? changed : kept, needs: ['needle'] };
    }
    case 6: {
      // node:https never follows
      const call = method === 'GET' && d.chance(0.5) ? `https.get(${url}, (res) => res.resume());` : `https.request(${url}, { method: '${method}' }).end();`;
      return { decls: [], call, expect: disabled, needs: ['https'] };
    }
    default: {
      // an axios instance with a Front base and a relative path
      const inst = `front_${k}`;
      const mr = d.pick([undefined, 0, 10]);
      const decl = `const ${inst} = axios.create({ baseURL: '${origin}'${mr !== undefined ? `, maxRedirects: ${mr}` : ''} });`;
      const rel = contactUrl(d, b, undefined);
      const withData = method === 'POST' || method === 'PUT' || method === 'PATCH';
      const call = `${inst}.${lower}(${rel}${withData ? ', { body: "n" }' : ''});`;
      return { decls: [decl], call, expect: mr === 0 ? disabled : method === 'POST' ? changed : kept, needs: ['axios'] };
    }
  }
}

// ---------------------------------------------------------------- Front Chat

export interface ChatCall {
  decls: string[];
  call: string;
  /** Expected chat findings, with the source text each must start with. */
  expect: Array<{ ruleId: RuleId; startsWith: string }>;
}

export function chatCall(d: Draw, k: number): ChatCall {
  const decls: string[] = [];
  const props: string[] = [];
  const expect: ChatCall['expect'] = [];
  const empty = ["''", 'null', 'undefined'];
  const callee = d.pick(['window.FrontChat', 'FrontChat', 'globalThis.FrontChat', 'window.FrontChat?.']);
  const cmd = d.pick(['init', 'identity']);
  props.push(d.pick(["chatId: 'c0ffee'", 'useDefaultLauncher: true', "name: 'Zoë'"]));
  // what the options say at run time: later properties (and spreads) win
  let userId = false;
  let topEmail: boolean | undefined;
  let contactEmail = false;
  if (d.chance(0.7)) {
    const v = d.pick(['user.id', "'usr_1'", ...empty, 'String(user.id)']);
    props.push(`userId: ${v}`);
    userId = !empty.includes(v);
  }
  if (d.chance(0.5)) {
    const v = d.pick(['user.email', "'a@b.co'", ...empty]);
    props.push(`email: ${v}`);
    topEmail = !empty.includes(v);
  }
  if (d.chance(0.3)) {
    props.push(`phone: ${d.pick(["'+15555550100'", 'user.phone'])}`);
    expect.push({ ruleId: 'chat-identify-phone', startsWith: 'phone' });
  }
  if (d.chance(0.3)) {
    const inner: string[] = [];
    if (d.chance(0.5)) {
      inner.push("email: 'c@d.co'");
      contactEmail = true;
    }
    if (d.chance(0.4)) {
      inner.push("phone: '+15555550101'");
      expect.push({ ruleId: 'chat-identify-phone', startsWith: 'phone' });
    }
    props.push(`contact: { ${inner.join(', ')} }`);
  }
  if (d.chance(0.25)) {
    // spread of a const the engine can read, before or after the explicit properties
    const withEmail = d.chance(0.5);
    decls.push(`const CHAT_BASE_${k} = { chatId: 'c0ffee'${withEmail ? ", email: 'base@b.co'" : ''} };`);
    if (d.chance(0.5)) {
      props.unshift(`...CHAT_BASE_${k}`);
      if (topEmail === undefined && withEmail) topEmail = true;
    } else {
      props.push(`...CHAT_BASE_${k}`);
      if (withEmail) topEmail = true;
    }
  }
  if (userId && !topEmail && !contactEmail) expect.push({ ruleId: 'chat-identify-without-email', startsWith: callee.replace(/\?\.$/, '') });
  return { decls, call: `${callee}('${cmd}', {${props.map((p) => ws(d) + p).join(',')}${ws(d)}});`, expect };
}

// ---------------------------------------------------------------- near misses

/** A statement from the quiet list: every rule must stay silent on it. `evidence` says whether Front is named. */
export function nearMiss(d: Draw, b: Bindings, k: number): { decls: string[]; call: string; needs: Client[] } {
  const frontHost = d.pick(FRONT_ORIGINS);
  const other = d.pick(OTHER_ORIGINS);
  const idRef: Atom = d.pick<Atom>([{ kind: 'ref', src: 'teamId', value: b.teamId }, { kind: 'lit', text: 'tim_' + d.alnum(1, 3) }, { kind: 'lit', text: ':id' }]);
  const render = (atoms: Atom[]): string => renderPieces(d, chunk(d, atoms), d.pick(['plus', 'template', 'literal', 'concat', 'mixed'] as const), [0, 0], true).src;
  const quietPaths: Atom[][] = [
    [{ kind: 'lit', text: '/teammates/' }, idRef, { kind: 'lit', text: '/contacts' }],
    [{ kind: 'lit', text: '/teams/' }, idRef, { kind: 'lit', text: '/contact_groups' }],
    [{ kind: 'lit', text: '/contact_groups/' }, idRef, { kind: 'lit', text: '/contacts' }],
    [{ kind: 'lit', text: '/accounts/' }, idRef, { kind: 'lit', text: '/contacts' }],
    [{ kind: 'lit', text: '/contacts/merge' }],
    [{ kind: 'lit', text: '/contacts/custom_fields' }],
    [{ kind: 'lit', text: '/contacts' }],
    [{ kind: 'lit', text: '/contacts?q=' }, { kind: 'ref', src: 'encodeURIComponent(user.email)', value: b.user.email }],
    [{ kind: 'lit', text: '/teams/' }, idRef, { kind: 'lit', text: '/inboxes' }],
    [{ kind: 'lit', text: '/teams/' }, idRef, { kind: 'lit', text: '/contactsx' }],
  ];
  const method = d.pick(METHODS);
  const lower = method.toLowerCase();
  switch (d.int(0, 9)) {
    case 9: {
      // a bare path through a client without a base URL goes to the app's own origin, never to Front
      const path = d.pick<Atom[]>([
        [{ kind: 'lit', text: '/teams/' }, idRef, { kind: 'lit', text: '/contacts' }],
        [{ kind: 'lit', text: '/contacts/' }, { kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: d.pick(SUBS) }],
      ]);
      const url = renderPieces(d, chunk(d, path), d.pick(['plus', 'template', 'literal'] as const), [0, 0], false).src;
      const c = d.pick([`fetch(${url}, { method: 'POST', redirect: 'manual' });`, `axios.post(${url}, {});`, `axios.get(${url}, { maxRedirects: 0 });`]);
      return { decls: [], call: c, needs: ['axios'] };
    }
    case 0:
    case 1: {
      // a quiet Front route, through any client, any options
      const path = d.pick(quietPaths);
      const url = render([{ kind: 'lit', text: frontHost }, ...path]);
      const c = d.pick([
        `fetch(${url}, { method: '${method}', redirect: 'manual' });`,
        `axios.${lower}(${url}, ${method === 'GET' || method === 'DELETE' ? '' : '{}, '}{ maxRedirects: 0 });`,
        `superagent.${lower === 'delete' ? 'del' : lower}(${url}).redirects(0);`,
        `needle('${lower}', ${url}, null, {});`,
        `https.request(${url}, { method: '${method}' });`,
      ]);
      return { decls: [], call: c, needs: ['axios', 'superagent', 'needle', 'https'] };
    }
    case 2: {
      // another vendor's host, with the deprecated route shapes and redirect-less clients
      const path = d.pick<Atom[]>([
        [{ kind: 'lit', text: '/teams/' }, idRef, { kind: 'lit', text: '/contacts' }],
        [{ kind: 'lit', text: '/contacts/' }, { kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: '/notes' }],
      ]);
      const url = render([{ kind: 'lit', text: other }, ...path]);
      const c = d.pick([`fetch(${url}, { method: 'POST', redirect: 'manual' });`, `axios.post(${url}, {}, { maxRedirects: 0 });`, `https.get(${url});`]);
      return { decls: [], call: c, needs: ['axios', 'https'] };
    }
    case 3: {
      // the app's own server routes
      const path = render([{ kind: 'lit', text: '/teams/' }, { kind: 'lit', text: d.pick([':team_id', ':teamId', ':id']) }, { kind: 'lit', text: '/contacts' }]);
      const verb = d.pick(['get', 'post', 'put', 'delete']);
      return {
        decls: [`const app_${k} = express();`],
        call: `app_${k}.${verb}(${path}, (req, res) => { res.json([]); });`,
        needs: [],
      };
    }
    case 4: {
      // comments mentioning the old routes
      const t = `${frontHost}/teams/${b.teamId}/contacts`;
      return { decls: [], call: d.pick([`// GET ${t}`, `/* fetch('${t}', { redirect: 'manual' }) */`, `/**\n * POST /teams/:team_id/contacts\n * POST /contacts/:contact_id/notes\n */`]), needs: [] };
    }
    case 5: {
      // following clients that keep the method (or only read), on api.frontapp.com: the host Front's Location names,
      // so Authorization survives the redirect (from api2.frontapp.com it would not: contact-redirect-auth-dropped)
      const url = render([{ kind: 'lit', text: 'https://api.frontapp.com' }, { kind: 'lit', text: '/contacts/' }, { kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: d.pick(SUBS) }]);
      const c = d.pick([
        `fetch(${url});`,
        `fetch(${url}, { method: '${d.pick(['GET', 'PATCH', 'PUT', 'DELETE'])}' });`,
        `axios.get(${url});`,
        `axios.${d.pick(['patch', 'put', 'delete'])}(${url});`,
        `got(${url});`,
        `ky.get(${url});`,
        `superagent.get(${url});`,
        `needle('get', ${url}, null, { follow_max: 5 });`,
        `needle('post', ${url}, {}, { follow_max: 5, follow_keep_method: true });`,
        `got.post(${render([{ kind: 'lit', text: 'https://api.frontapp.com/contacts/' }, { kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: '/notes' }])});`,
      ]);
      return { decls: [], call: c, needs: ['axios', 'got', 'ky', 'superagent', 'needle'] };
    }
    case 6: {
      // chat calls that identify with an email, or do not identify
      return {
        decls: [],
        call: d.pick([
          "window.FrontChat('init', { chatId: 'c', userId: user.id, email: user.email });",
          "FrontChat('identity', { userId: user.id, contact: { email: user.email } });",
          "window.FrontChat('show');",
          "FrontChat('init', { chatId: 'c', useDefaultLauncher: true });",
          "FrontChat('identity', { email: user.email, name: 'x' });",
        ]),
        needs: [],
      };
    }
    case 7: {
      // words in strings
      return { decls: [], call: d.pick(["console.log('synced contacts for team', teamId);", "const label_" + k + " = 'teams/contacts/empty';", "const key_" + k + " = 'teams.contacts.viewed';"]), needs: [] };
    }
    default: {
      // a Front handle created with a non-chat source (on api.frontapp.com: a followed PATCH keeps Authorization there)
      const url = render([{ kind: 'lit', text: frontHost.replace(/^https:\/\/[^/:]+/, 'https://api.frontapp.com') }, { kind: 'lit', text: '/contacts/' }, { kind: 'ref', src: 'contactId', value: b.contactId }, { kind: 'lit', text: '/handles' }]);
      return { decls: [], call: `axios.patch(${url}, { handle: user.email, source: 'email' });`, needs: ['axios'] };
    }
  }
}

// ---------------------------------------------------------------- filler

function filler(d: Draw, kind: FileKind, k: number): string {
  const ts = isTs(kind);
  const options = [
    `// just a comment: café ☕ 😀 \u2603`,
    `/* block comment with 'quotes' and \`ticks\` */`,
    `const greeting_${k} = 'h\\u00e9llo\\nw\\x6frld\\t😀';`,
    `const re_${k} = /\\/teams\\/[^/]+\\/contacts/g;`,
    `const ünïcødé_${k} = "Zoë — 日本語";`,
    `function helper_${k}(a, b = 2) { return a + b; }`,
    `const sum_${k} = [1, 2, 3].map((x) => x * 2).reduce((a, b) => a + b, 0);`,
    `const multi_${k} = \`line one
line two \${1 + 1}\`;`,
    `if (process.env.NODE_ENV === 'test') { void 0; }`,
    `class Cache_${k} { constructor() { this.map = new Map(); } get(k) { return this.map.get(k); } }`,
  ];
  if (ts) {
    options.push(`interface Contact_${k} { id: string; handles?: Array<{ source: 'email' | 'phone'; handle: string }> }`);
    options.push(`type TeamId_${k} = \`tim_\${string}\`;`);
    options.push(`const typed_${k}: Record<string, number> = { a: 1 } satisfies Record<string, number>;`);
    options.push(`enum Kind_${k} { A = 'a', B = 'b' }`);
  }
  if (allowsJsx(kind)) options.push(`const el_${k} = <a href="/teams/1/contacts" title={'x'}>Contacts</a>;`);
  return d.pick(options);
}

// ---------------------------------------------------------------- programs

export interface Program {
  fileName: string;
  kind: FileKind;
  text: string;
  /** True when the text was written to parse without errors. */
  valid: boolean;
}

export interface OracleProgram extends Program {
  targets: TeamTarget[];
  bindings: Bindings;
}

const REQUIRES: Record<Client, string> = {
  axios: "const axios = require('axios');",
  got: "const got = require('got');",
  ky: "const ky = require('ky');",
  superagent: "const superagent = require('superagent');",
  needle: "const needle = require('needle');",
  https: "const https = require('node:https');",
  'node-fetch': "const nodeFetch = require('node-fetch');",
  undici: "const undici = require('undici');",
  request: "const request = require('request');",
  ofetch: "const { ofetch } = require('ofetch');",
};
const IMPORTS: Record<Client, string> = {
  axios: "import axios from 'axios';",
  got: "import got from 'got';",
  ky: "import ky from 'ky';",
  superagent: "import superagent from 'superagent';",
  needle: "import needle from 'needle';",
  https: "import * as https from 'node:https';",
  'node-fetch': "import nodeFetch from 'node-fetch';",
  undici: "import * as undici from 'undici';",
  request: "import request from 'request';",
  ofetch: "import { ofetch } from 'ofetch';",
};

function fileNameFor(d: Draw, kind: FileKind): string {
  return `${d.pick(['src', 'lib', 'app/api'])}/${d.pick(['front', 'client', 'ünï', 'sync'])}.${kind}`;
}

/** Joins lines with random indentation, blank lines, line endings and maybe a BOM. */
function layout(d: Draw, lines: string[]): string {
  const eol = d.pick(['\n', '\n', '\r\n', '\r\n', '\r']);
  const shebang = lines[0]?.startsWith('#!');
  const bom = !shebang && d.chance(0.15) ? '\uFEFF' : '';
  const out: string[] = [];
  if (shebang) out.push(lines.shift()!);
  for (const l of lines) {
    if (d.chance(0.1)) out.push('');
    const indent = d.chance(0.15) ? d.pick(['  ', '\t', '    ']) : '';
    const trailing = d.chance(0.05) ? d.pick([' ', '\t', '  ']) : '';
    out.push(indent + l + trailing);
  }
  const finalEol = d.chance(0.8) ? eol : '';
  // a template literal written over several lines keeps its own line ending style
  return bom + out.join('\n').replace(/\r?\n/g, eol) + finalEol;
}

/**
 * A program whose team-contacts URLs have a known value before and after the fix. Plain JavaScript (valid in
 * every file kind), CommonJS requires, top-level calls only, so `evaluateProgram` can run it.
 */
export function oracleProgram(d: Draw, allowEscapes = true): OracleProgram {
  const kind = d.pick(FILE_KINDS);
  d.kind = kind;
  const b = makeBindings(d);
  const targets = d.times(1, 3, (i) => teamTarget(d, b, i, allowEscapes));
  const needs = new Set<Client>(targets.flatMap((t) => t.needs));
  const lines: string[] = [];
  if (d.chance(0.2)) lines.push("'use strict';");
  for (const c of needs) lines.push(REQUIRES[c]);
  // Front evidence in code (comments do not count): a token name or a Core API base URL
  if (d.chance(0.5)) lines.push(d.pick(['// Front API client (api2.frontapp.com)', 'const FRONT_API_TOKEN_X = process.env.FRONT_API_TOKEN;', "const FRONT_HOST = 'https://api2.frontapp.com';"]));
  const body: string[] = [];
  for (const t of targets) {
    body.push(...t.decls.map((x) => (isTs(kind) && d.chance(0.3) ? x.replace(/^const (BASE_\d+|TEAM_ID_\d+|FRONT_BASE_\d+) =/, 'const $1: string =') : x)));
    if (d.chance(0.3)) body.push(filler(d, 'cjs', body.length));
  }
  for (const t of targets) {
    if (d.chance(0.2)) body.push(`// request ${targets.indexOf(t)}: ${t.original}`);
    // an ignore directive on the line before a request whose URL is written in the call itself
    if (t.site !== '' && t.call.includes(t.site) && !t.call.startsWith('const ') && d.chance(0.08)) {
      // one layout line, so no blank line can come between the directive and the call
      body.push(d.pick(['// front-contacts-ignore-next-line', '// front-contacts-ignore-next-line team-contacts-endpoint', '/* front-contacts-ignore-next-line */']) + '\n' + t.call);
      t.suppressed = true;
    } else body.push(t.call);
  }
  const text = layout(d, [...lines, ...body]);
  return { fileName: fileNameFor(d, kind), kind, text, valid: true, targets, bindings: b };
}

export type ProgramPart = 'team' | 'contact' | 'chat' | 'near' | 'filler';

/** A mixed program: team URLs, contact requests, chat calls, near misses and filler, ESM or CommonJS. */
export function mixedProgram(d: Draw, parts: readonly ProgramPart[] = ['team', 'contact', 'chat', 'near', 'filler'], directives = true): Program & {
  contacts: ContactCall[];
  chats: ChatCall[];
  teams: TeamTarget[];
} {
  const kind = d.pick(FILE_KINDS);
  d.kind = kind;
  const b = makeBindings(d);
  const esm = kind !== 'cjs' && kind !== 'cts' && d.chance(0.6);
  const stmts: string[] = [];
  const decls: string[] = [];
  const needs = new Set<Client>();
  const contacts: ContactCall[] = [];
  const chats: ChatCall[] = [];
  const teams: TeamTarget[] = [];
  let express = false;
  const n = d.int(1, 6);
  for (let i = 0; i < n; i++) {
    const what = d.pick(parts);
    if (what === 'team') {
      const t = teamTarget(d, b, i);
      teams.push(t);
      decls.push(...t.decls);
      stmts.push(t.call);
      t.needs.forEach((c) => needs.add(c));
    } else if (what === 'contact') {
      const c = contactCall(d, b, i);
      contacts.push(c);
      decls.push(...c.decls);
      stmts.push(c.call);
      c.needs.forEach((x) => needs.add(x));
    } else if (what === 'chat') {
      const c = chatCall(d, i);
      chats.push(c);
      decls.push(...c.decls);
      stmts.push(c.call);
    } else if (what === 'near') {
      const c = nearMiss(d, b, i);
      if (c.decls.some((x) => x.includes('express()'))) express = true;
      decls.push(...c.decls);
      stmts.push(c.call);
      c.needs.forEach((x) => needs.add(x));
    } else stmts.push(filler(d, kind, i));
  }
  const head: string[] = [];
  if (d.chance(0.1) && !esm) head.push('#!/usr/bin/env node');
  if (d.chance(0.1)) head.push("'use strict';");
  for (const c of needs) head.push(esm ? IMPORTS[c] : REQUIRES[c]);
  if (express) head.push(esm ? "import express from 'express';" : "const express = require('express');");
  if (directives && d.chance(0.1)) head.push('// front-contacts-ignore-next-line');
  const wrap = d.chance(0.3);
  const body = wrap
    ? [`${esm && d.chance(0.5) ? 'export ' : ''}async function run${isTs(kind) ? '(teamId: string, contactId: string): Promise<void>' : '(teamId, contactId)'} {`, ...stmts.map((s) => '  ' + s.replace(/^(fetch|axios|got|ky|superagent|needle|https|nodeFetch|front_|api_|client_)/, 'await $1')), '}']
    : stmts;
  const text = layout(d, [...head, ...decls, ...body]);
  return { fileName: fileNameFor(d, kind), kind, text, valid: true, contacts, chats, teams };
}

/** A near-miss program: everything in it is on the quiet list. */
export function nearMissProgram(d: Draw): Program {
  const kind = d.pick(FILE_KINDS);
  d.kind = kind;
  const b = makeBindings(d);
  const needs = new Set<Client>(['axios', 'superagent', 'needle', 'https', 'got', 'ky']);
  const lines: string[] = [];
  const body: string[] = [];
  let express = false;
  const n = d.int(1, 5);
  for (let i = 0; i < n; i++) {
    const c = nearMiss(d, b, i);
    if (c.decls.some((x) => x.includes('express()'))) express = true;
    body.push(...c.decls, c.call);
    if (d.chance(0.3)) body.push(filler(d, kind, i));
  }
  const esm = kind !== 'cjs' && kind !== 'cts' && d.chance(0.5);
  for (const c of needs) lines.push(esm ? IMPORTS[c] : REQUIRES[c]);
  if (express) lines.push(esm ? "import express from 'express';" : "const express = require('express');");
  return { fileName: fileNameFor(d, kind), kind, text: layout(d, [...lines, ...body]), valid: true };
}

/** Breaks a program: truncation, random insertions, deletions. */
export function breakProgram(d: Draw, p: Program): Program {
  let text = p.text;
  const junk = ['{', '}', '(', ')', '`', "'", '"', '/*', '*/', '//', '\\', '${', '<', '>', '\u2028', '\uD83D', '\r', '\n', ';', ',', '+', '=>', '\uFEFF', 'é', '/', '[', ']'];
  const ops = d.int(1, 4);
  for (let i = 0; i < ops; i++) {
    const at = d.int(0, text.length);
    switch (d.int(0, 2)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + d.pick(junk) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + text.slice(Math.min(text.length, at + d.int(1, 12)));
    }
  }
  return { ...p, text, valid: false };
}

// ---------------------------------------------------------------- running generated programs

/**
 * Runs a generated oracle program with recording stand-ins for every client and returns the URLs the
 * requests were made with (strings containing 'contacts', URL objects, or `{ url }` options), in order.
 */
export function evaluateProgram(text: string, b: Bindings, fileName = 'a.js'): string[] {
  if (/\.[cm]?tsx?$/.test(fileName)) {
    text = ts.transpileModule(text.replace(/^\uFEFF/, ''), { fileName, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React } }).outputText
      .replace(/^"use strict";\s*(Object\.defineProperty\(exports[^\n]*\n)?/, '')
      .replace(/^export \{\};?\s*$/m, '');
  }
  const seen: string[] = [];
  const urlOf = (a: unknown): string | undefined => {
    if (a instanceof URL) return a.href;
    if (typeof a === 'string' && a.includes('contacts')) return a;
    if (a && typeof a === 'object' && Object.getPrototypeOf(a) === Object.prototype && 'url' in a) return urlOf((a as { url: unknown }).url);
    return undefined;
  };
  const stub = (): unknown =>
    new Proxy(function () {}, {
      apply: (_t, _this, args: unknown[]) => {
        for (const a of args) {
          const u = urlOf(a);
          if (u !== undefined) {
            seen.push(u);
            break;
          }
        }
        return stub();
      },
      get: (_t, p) => (typeof p === 'symbol' || p === 'then' ? undefined : stub()),
    });
  const clients = stub();
  const requireStub = (): unknown => clients;
  const names = [...BINDING_NAMES];
  const values = names.map((n) => b[n]);
  const fn = new Function('require', 'fetch', 'window', 'exports', 'module', ...names, text.replace(/^\uFEFF/, '')) as (...a: unknown[]) => void;
  const exports = {};
  fn(requireStub, stub(), stub(), exports, { exports }, ...values);
  return seen;
}
