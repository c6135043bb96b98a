// Matching Front routes on URL values, deciding whether a value points at Front, and turning
// "delete these characters of the value" into source edits.
import { ts, skipOuter } from './ts';
import { declTarget, type FileContext } from './files';
import { hostOf, isPublicBuildVariable } from './prefilter';
import { Part, LitPart, flatten, charIndex, HOLE_CHAR, sourceRange } from './values';
import type { TextEdit } from './types';

export interface PathView {
  flat: string;
  /** Index in `flat` where the path starts (after scheme+host, a leading base hole, or a configured base). */
  pathStart: number;
  /** Literal host when the value has one (may contain HOLE_CHAR). */
  host?: string;
  /** The value starts with an unknown base (`${BASE}/…`). */
  baseHole?: Part;
}

export function pathView(parts: readonly Part[], frontBaseUrls: readonly string[] = []): PathView {
  const flat = flatten(parts);
  for (const base of frontBaseUrls) {
    const b = base.replace(/\/+$/, '');
    if (b && flat.startsWith(b) && /^($|[/?#])/.test(flat.slice(b.length))) return { flat, pathStart: b.length, host: hostOf(b) ?? b };
  }
  const m = /^([a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i.exec(flat);
  if (m) return { flat, pathStart: m[0].length, host: m[2].toLowerCase() };
  let i = 0;
  while (flat[i] === HOLE_CHAR) i++;
  if (i > 0) return { flat, pathStart: i, baseHole: parts[0] };
  return { flat, pathStart: 0 };
}

export interface RouteMatch {
  /** Range in flat of the whole route text that matched. */
  start: number;
  end: number;
  /** For team contacts: the range to delete (`/teams/<id>`), leaving `/contacts`. */
  delStart: number;
  delEnd: number;
}

// After `/contacts`: the end, a query/fragment, a trailing slash, or an unknown suffix (`+ query`).
const TEAM_CONTACTS = /^(\/?)teams\/[^/?#]+\/contacts(?=$|[?#\uE000]|\/$|\/[?#\uE000])/;

export function matchTeamContacts(v: PathView): RouteMatch | undefined {
  const path = v.flat.slice(v.pathStart);
  const m = TEAM_CONTACTS.exec(path);
  if (!m) return undefined;
  const start = v.pathStart;
  const contactsAt = start + m[0].lastIndexOf('/contacts');
  // keep the leading slash style: `/teams/x/contacts` → `/contacts`, `teams/x/contacts` → `contacts`
  const delStart = start;
  const delEnd = m[1] ? contactsAt : contactsAt + 1;
  return { start, end: start + m[0].length, delStart, delEnd };
}

const CONTACT_ROUTE = /^\/?contacts\/([^/?#]+)(\/[^?#]*)?(?=$|[?#])/;
const NOT_IDS = new Set(['merge', 'custom_fields']);

export function matchContactRoute(v: PathView): (RouteMatch & { sub: string }) | undefined {
  const path = v.flat.slice(v.pathStart);
  const m = CONTACT_ROUTE.exec(path);
  if (!m) return undefined;
  // `alt:email:…` aliases resolve by handle to the current contact: never a legacy id
  if (NOT_IDS.has(m[1]) || m[1].startsWith('alt:')) return undefined;
  return { start: v.pathStart, end: v.pathStart + m[0].length, delStart: 0, delEnd: 0, sub: (m[2] ?? '').replace(/\/+$/, '') };
}

export type Frontness = 'front' | 'other' | 'unknown';

export function isFrontHost(host: string, frontBaseUrls: readonly string[]): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^[^@]*@/, '');
  // Core API hosts only: api2., api., <company>.api. (or an unknown company: `${tenant}.api.frontapp.com`)
  if (/^(api2?|[a-z0-9-]+\.api|\uE000\.api|\uE000)\.frontapp\.com$/.test(h)) return true;
  return frontBaseUrls.some((u) => {
    const bh = hostOf(u);
    return bh !== undefined && bh === h;
  });
}

/**
 * Whether a host with unknown parts (HOLE_CHAR) can still be a Core API host: the text written after its last
 * unknown part must be the end of one (`${sub}.frontapp.com`, `api.${domain}`, `${host}`), not of another domain
 * (`${tenant}.freshdesk.com`, `api.${region}.example-crm.io`).
 */
function mayEndLikeFrontHost(host: string, frontBaseUrls: readonly string[]): boolean {
  const h = host.replace(/^[^@]*@/, '').replace(/:[0-9\uE000]*$/, '');
  const tail = h.slice(h.lastIndexOf(HOLE_CHAR) + 1);
  if (tail === '' || tail.endsWith('.frontapp.com')) return true;
  const hosts = ['api2.frontapp.com', 'company.api.frontapp.com', ...frontBaseUrls.map((u) => hostOf(u) ?? '')];
  return hosts.some((fh) => fh !== '' && fh.endsWith(tail));
}

const FRONTISH_NAME = /frontapp|(?<![a-z])front_?api/i;

/**
 * `window.location.origin`, `location.href`, `document.location.origin`, `document.baseURI`, `self.origin`:
 * where the running page itself was loaded from (unless the file declares its own `location`).
 */
function isPageAddress(node: ts.Node, ctx: FileContext): boolean {
  const names: string[] = [];
  let e: ts.Node = skipOuter(node as ts.Expression);
  while (ts.isPropertyAccessExpression(e)) {
    names.unshift(e.name.text);
    e = skipOuter(e.expression);
  }
  if (!ts.isIdentifier(e) || ctx.lookup(e.text, e)) return false;
  const path = [e.text, ...names];
  while (path.length > 1 && /^(window|globalThis|self)$/.test(path[0])) path.shift();
  const key = path.join('.');
  return /^(document\.)?location\.(origin|href|protocol|host)$/.test(key) || key === 'document.baseURI' || key === 'document.URL' || key === 'origin';
}

/** Does the value itself say where it goes? */
export function valueFrontness(v: PathView, frontBaseUrls: readonly string[]): Frontness {
  if (v.host !== undefined) {
    if (isFrontHost(v.host, frontBaseUrls)) return 'front';
    // `https://${host}/…`: unknown host; `https://${tenant}.freshdesk.com/…`: another vendor's, whoever the tenant
    return v.host.includes(HOLE_CHAR) && mayEndLikeFrontHost(v.host, frontBaseUrls) ? 'unknown' : 'other';
  }
  if (v.baseHole && v.baseHole.kind === 'hole' && v.baseHole.name && FRONTISH_NAME.test(v.baseHole.name) && !isPublicBuildVariable(v.baseHole.name)) return 'front';
  if (v.baseHole && v.baseHole.kind === 'hole') {
    // `PROVIDERS[provider].baseUrl` with a key known only at run time: one of the table's hosts
    const hosts = tableLookupHosts(v.baseHole.node, v.baseHole.ctx);
    if (hosts.length) return hosts.every((h) => isFrontHost(h, frontBaseUrls)) ? 'front' : 'other';
  }
  // `${window.location.origin}/teams/…`, `new URL(path, location.href)`: the page's own origin, never Front's API
  if (v.baseHole && v.baseHole.kind === 'hole' && isPageAddress(v.baseHole.node, v.baseHole.ctx)) return 'other';
  return 'unknown';
}

/**
 * The hosts of the URLs written in a table a value is looked up in with an unreadable key (`PROVIDERS[name].baseUrl`,
 * `BASES[region]`): a unified API's registry of every vendor it connects to. Empty when the value is not such a lookup.
 */
function tableLookupHosts(node: ts.Node, ctx: FileContext): string[] {
  let e = skipOuter(node as ts.Expression);
  while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(skipOuter(e.argumentExpression))))
    e = skipOuter(e.expression);
  if (!ts.isElementAccessExpression(e)) return [];
  const table = skipOuter(e.expression);
  if (!ts.isIdentifier(table)) return [];
  const decl = ctx.lookup(table.text, table);
  const t = decl && declTarget(decl);
  if (!t || t.kind !== 'expr' || t.path.length) return [];
  const init = skipOuter(t.expr);
  if (!ts.isObjectLiteralExpression(init)) return [];
  const hosts: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n)) {
      const h = /^https?:\/\/([^/?#]+)/i.exec(n.text);
      if (h) hosts.push(h[1].toLowerCase());
    }
    ts.forEachChild(n, visit);
  };
  visit(init);
  return hosts;
}

/**
 * Whether a value built in `ctx` goes to Front: its own host, then the client's base, then the file (or the other
 * files the request passes through, from the call that was reported to the client call).
 */
export function goesToFront(v: PathView, ctx: FileContext, frontBaseUrls: readonly string[], clientBase?: Frontness, through: readonly FileContext[] = []): boolean {
  const own = valueFrontness(v, frontBaseUrls);
  if (own !== 'unknown') return own === 'front';
  if (clientBase && clientBase !== 'unknown') return clientBase === 'front';
  if (ctx.hasFrontEvidence()) return true;
  // `${base}/contacts/…` with a base read in a module of its own (`this.$auth.instance_url` in another vendor's app,
  // `config.crmUrl`): that module says whose API it is, not a caller that also names Front (a sync job that reads
  // Front and writes to the other vendor). A base passed in as a parameter is the callers' to say.
  const hole = v.baseHole && v.baseHole.kind === 'hole' ? v.baseHole : undefined;
  if (hole && !isParameterValue(hole.node, hole.ctx)) return hole.ctx.valueNamesFront(hole.node);
  return through.some((f) => f !== ctx && f.hasFrontEvidence());
}

/** `base`, `opts.baseUrl`, `options['host']`: a value read from a parameter of the function it is used in. */
function isParameterValue(node: ts.Node, ctx: FileContext): boolean {
  let e = node as ts.Expression;
  for (;;) {
    e = skipOuter(e);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
    else break;
  }
  return ts.isIdentifier(e) && ctx.lookup(e.text, e)?.kind === 'param';
}

// ---------------------------------------------------------------- edits

interface Item {
  part: Part;
  /** Deleted sub-range of a literal part. */
  from: number;
  to: number;
  full: boolean;
}

/**
 * Source edits that delete flat[delStart, delEnd) from the expression `root`, or undefined when that cannot be
 * done safely inside `root` (a deleted character lives in another binding, or in an escaped literal).
 */
export function deletionEdits(root: ts.Expression, ctx: FileContext, parts: readonly Part[], delStart: number, delEnd: number): TextEdit[] | undefined {
  if (delEnd <= delStart) return [];
  const idx = charIndex(parts);
  const items = new Map<number, Item>();
  for (let i = delStart; i < delEnd; i++) {
    const [pi, off] = idx[i];
    const part = parts[pi];
    const it = items.get(pi) ?? { part, from: off, to: off, full: false };
    it.to = off + 1;
    items.set(pi, it);
  }
  const list = [...items.values()];
  for (const it of list) {
    it.full = it.part.kind === 'hole' || (it.from === 0 && it.to === (it.part as LitPart).text.length);
    if (it.part.replaced) {
      if (!it.full) return undefined;
      continue;
    }
    if (it.part.indirect) continue; // checked below: only whole references may go
    if (it.part.kind === 'lit' && it.part.separator) {
      if (!it.full) return undefined;
      continue;
    }
    if (it.part.kind === 'lit' && (!it.part.origin || !litRange(it.part, it.from, it.to))) return undefined;
    if (it.part.kind === 'lit' && it.part.origin && it.part.origin.ctx !== ctx) return undefined;
  }
  const sf = ctx.sf;
  const edits: TextEdit[] = [];
  const del = (start: number, end: number): void => {
    if (end > start) edits.push({ file: ctx.fileName, start, end, newText: '' });
  };
  const within = (n: ts.Node, outer: ts.Node): boolean => n.pos >= outer.pos && n.end <= outer.end;
  /** Every part produced inside `n` is deleted in full. */
  const fullyDeleted = (n: ts.Node): boolean => {
    let any = false;
    for (let pi = 0; pi < parts.length; pi++) {
      if (!within(parts[pi].anchor, n)) continue;
      any = true;
      const it = items.get(pi);
      if (!it || !it.full) return false;
    }
    return any;
  };
  const touched = (n: ts.Node): boolean => list.some((it) => within(it.part.anchor, n));
  // A name whose value is deleted in part would need its binding edited: refuse (other code may use it).
  for (const it of list) if (it.part.indirect && !fullyDeleted(it.part.anchor)) return undefined;

  const rec = (node: ts.Expression): boolean => {
    const n = skipOuter(node);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const ranges: Array<[number, number]> = [];
      for (const it of list) {
        if (it.part.anchor !== n) continue;
        if (it.part.replaced) ranges.push([it.part.replaced.start, it.part.replaced.end]);
        else if (it.part.kind === 'lit') ranges.push(litRange(it.part, it.from, it.to)!);
        else return false;
      }
      mergeInto(ranges, del);
      return true;
    }
    if (ts.isTemplateExpression(n)) {
      const ranges: Array<[number, number]> = [];
      for (const it of list) {
        const chunk = it.part.anchor === n.head || n.templateSpans.some((s) => s.literal === it.part.anchor);
        if (!chunk) continue;
        if (it.part.replaced) ranges.push([it.part.replaced.start, it.part.replaced.end]);
        else if (it.part.kind === 'lit' && it.part.origin && it.part.anchor === it.part.origin.node) {
          ranges.push(litRange(it.part, it.from, it.to)!);
        }
      }
      for (const span of n.templateSpans) {
        if (!touched(span.expression)) continue;
        if (fullyDeleted(span.expression)) ranges.push([span.expression.pos - 2, span.literal.getStart(sf) + 1]);
        else if (!rec(span.expression)) return false;
      }
      mergeInto(ranges, del);
      return true;
    }
    /** Remove fully deleted runs of a list (operands of `+`, arguments, array elements) with their separators. */
    const removeRuns = (ops: readonly ts.Expression[], sep: '+' | ','): boolean => {
      const full = ops.map((o) => touched(o) && fullyDeleted(o));
      if (full.every(Boolean)) return false;
      for (let i = 0; i < ops.length; ) {
        if (!full[i]) {
          if (touched(ops[i]) && !rec(ops[i])) return false;
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < ops.length && full[j + 1]) j++;
        const before = i > 0 ? ops[i - 1] : undefined;
        const after = j + 1 < ops.length ? ops[j + 1] : undefined;
        if (sep === '+' && before && after && sameQuoteLiterals(before, after, sf) && !full[j + 1]) {
          // 'https://api2.frontapp.com/teams/' + id + '/contacts' → 'https://api2.frontapp.com/contacts':
          // join the two literals instead of leaving 'https://api2.frontapp.com' + '/contacts'
          del(before.end - 1, after.getStart(sf) + 1);
        } else if (i > 0) del(ops[i - 1].end, ops[j].end);
        else del(ops[0].getStart(sf), ops[j + 1].getStart(sf));
        i = j + 1;
      }
      return true;
    };
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const ops: ts.Expression[] = [];
      let x: ts.Expression = n;
      while (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        ops.push(x.right);
        x = x.left;
      }
      ops.push(x);
      ops.reverse();
      return removeRuns(ops, '+');
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const m = n.expression.name.text;
      const recv = skipOuter(n.expression.expression);
      if (m === 'concat' && !n.arguments.some(ts.isSpreadElement)) {
        if (touched(recv) && fullyDeleted(recv)) {
          // '/teams/'.concat(id, '/contacts') → ''.concat('/contacts'): the receiver becomes an empty string
          const r = n.expression.expression;
          edits.push({ file: ctx.fileName, start: r.getStart(sf), end: r.end, newText: "''" });
        } else if (touched(recv) && !rec(recv)) return false;
        return n.arguments.some(touched) ? removeRuns(n.arguments, ',') : true;
      }
      if (m === 'join' && ts.isArrayLiteralExpression(recv) && !recv.elements.some(ts.isSpreadElement)) {
        return removeRuns(recv.elements, ',');
      }
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      // Only descend when everything deleted sits in one argument (or the receiver of `.concat`).
      const kids: ts.Expression[] = [...(n.arguments ?? [])];
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) kids.push(n.expression.expression);
      const hit = kids.filter(touched);
      if (hit.length !== 1 || fullyDeleted(hit[0])) return false;
      return rec(hit[0]);
    }
    return false;
  };
  if (!rec(root)) return undefined;
  return edits;
}

/** Deletes the union of the ranges (touching ranges merge, so `/teams/` + `:team_id` is one edit). */
function mergeInto(ranges: Array<[number, number]>, del: (s: number, e: number) => void): void {
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < ranges.length; ) {
    let [s, e] = ranges[i];
    let j = i + 1;
    while (j < ranges.length && ranges[j][0] <= e) e = Math.max(e, ranges[j++][1]);
    del(s, e);
    i = j;
  }
}

/** Two plain string literals written with the same quote: their raw texts can be joined into one literal. */
function sameQuoteLiterals(a: ts.Expression, b: ts.Expression, sf: ts.SourceFile): boolean {
  if (!ts.isStringLiteral(a) || !ts.isStringLiteral(b)) return false;
  const qa = sf.text[a.getStart(sf)];
  const qb = sf.text[b.getStart(sf)];
  return qa === qb && sf.text[a.end - 1] === qa && sf.text[b.end - 1] === qb;
}

/** Source range of text[from, to) of a literal part (escapes mapped); undefined when it cannot be mapped. */
function litRange(p: LitPart, from: number, to: number): [number, number] | undefined {
  const o = p.origin!;
  if (o.exact && from === 0 && to === p.text.length) return [o.start, o.rawEnd];
  return sourceRange(o, from, to);
}
