// n8n declarative nodes: no code sends the request, the node's `description` says how.
//
//   requestDefaults: { baseURL: 'https://api2.frontapp.com' },
//   properties: [{ name: 'operation', type: 'options', options: [
//     { name: 'Add Note', value: 'addNote',
//       routing: { request: { method: 'POST', url: '=/contacts/{{$parameter.contactId}}/notes' } } } ] }]
//
// Read in n8n-io/n8n, packages/core/src/execution-engine/routing-node.ts (RoutingNode): for each item it copies every
// key of `description.requestDefaults` into the request options, then, for every displayed property and the selected
// option of an `options` property, every key of its `routing.request` (later keys win, so an operation's `url`,
// `method` or `baseURL` override the defaults). A string value that starts with `=` is an n8n expression: the rest is
// text with `{{ … }}` holes (`$parameter.x`, `$parameter["x"]`, `$value`, `$credentials.baseUrl`). The options then go
// to `helpers.httpRequestWithAuthentication` (with the node's credentials) or `helpers.httpRequest` — the same helpers
// as a programmatic node (n8n.ts): axios with follow-redirects, following unless `disableFollowRedirect: true`, a
// POST re-sent as a GET on a 301, Authorization put back by n8n's beforeRedirect. Method: axios's default, GET.
// `routing.send` and `routing.output` shape the body, the query and the result: they are not requests.
//
// A request's URL is the node's baseURL joined with the `url` (an absolute `url` ignores it, as axios does). The node's
// `requestDefaults` sits in the same description object, or — when the operations are declared in their own module
// (`resources/contact/index.ts` exporting `contactOperations`, spread into `properties: [...contactOperations]`) — in
// the node file that imports that module (followed through up to MAX_IMPORT_LEVELS importers). A node that names no
// base URL at all is read with its credentials' test request base, when that is a plain URL (credentialsTestBase).
import { ts, skipOuter, propertyNameText } from '../ts';
import type { FileContext } from '../files';
import { Evaluator, EMPTY_ENV, charIndex, flatten, sliceLit, sourceRange, type Part, type Ref } from '../values';
import type { TextEdit } from '../types';
import type { RequestInfo } from './model';
import { option, stopsFollowing, isFalse, isTrue, joinBase, stringValue, type OptionValue } from './options';

const N8N_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*)['"]n8n-(?:workflow|core)['"]/;
const MAX_IMPORT_LEVELS = 3;
const HTTP_VERBS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
/** Properties of a node description whose strings are shown to the user, never sent. */
const LABEL_KEYS = new Set(['displayName', 'description', 'action', 'hint', 'placeholder', 'subtitle', 'notice']);

/** What the rules need of a declarative request besides RequestInfo: where its `url` is written and its parts. */
export interface DeclarativeUrl {
  /** The `url` value as written in the request object (a literal, or a name of one). */
  node: ts.Expression;
  /** The `url` alone (without the base), `=` dropped and `{{ … }}` as holes when it is an expression. */
  path: Part[];
  /** The url is an n8n expression (`'=/teams/{{$parameter.teamId}}/contacts'`). */
  expression: boolean;
  /** Source range of each `{{ … }}` hole of `path` written in one literal (for an edit that deletes it). */
  holeRanges: Map<Part, [number, number]>;
  /** The file of the node description that gives the base URL, when it is another file. */
  nodeCtx?: FileContext;
}

/** `routing: { request: {…} }` in an object (a property or an option of a node description). */
export function isRoutingRequest(obj: ts.ObjectLiteralExpression): boolean {
  const pa = obj.parent;
  if (!pa || !ts.isPropertyAssignment(pa) || pa.initializer !== obj || propertyNameText(pa.name) !== 'request') return false;
  const routing = pa.parent;
  const rpa = routing.parent;
  return !!rpa && ts.isPropertyAssignment(rpa) && propertyNameText(rpa.name) === 'routing' && ts.isObjectLiteralExpression(rpa.parent);
}

/** A string shown in a node's UI (`displayName`, `description`, `action`…) of an n8n file: text, never a request URL. */
export function isNodeLabel(n: ts.Node, ctx: FileContext): boolean {
  let e: ts.Node = n;
  while (e.parent && ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (!p || !ts.isPropertyAssignment(p) || p.initializer !== e || !LABEL_KEYS.has(propertyNameText(p.name) ?? '')) return false;
  return ctx.textTest(N8N_IMPORT, ['n8n-']);
}

/** The request a `routing.request` object describes, or undefined when it is not one (no `url`, not an n8n node). */
export function n8nDeclarativeRequest(ev: Evaluator, obj: ts.ObjectLiteralExpression, ctx: FileContext,
  nodes?: Map<ts.Node, NodeDescription | undefined>): (RequestInfo & { declarative: DeclarativeUrl }) | undefined {
  if (!isRoutingRequest(obj)) return undefined;
  const own: Ref = { kind: 'expr', ctx, expr: obj, env: EMPTY_ENV, indirect: false };
  const u = option(ev, own, 'url');
  if (!u || !u.prop || !ts.isPropertyAssignment(u.prop)) return undefined;
  const node = describingNode(ev, obj, ctx, nodes);
  if (!ctx.textTest(N8N_IMPORT, ['n8n-']) && !node?.ctx.textTest(N8N_IMPORT, ['n8n-'])) return undefined;
  const defaults: Ref | undefined = node?.defaults ? { kind: 'expr', ctx: node.ctx, expr: node.defaults, env: EMPTY_ENV, indirect: false } : undefined;
  const get = (key: string): OptionValue | undefined => option(ev, own, key) ?? (defaults ? option(ev, defaults, key) : undefined);

  const path = expressionParts(ev.evaluateString(u.value, u.ctx, u.env), u.value, ctx);
  const b = get('baseURL') ?? (node?.desc ? credentialsTestBase(node.desc, node.ctx) : undefined);
  const base = b ? expressionParts(ev.evaluateString(b.value, b.ctx, b.env), b.value, b.ctx).parts : undefined;
  const url = base && base.length ? joinBase(base, path.parts, false) : path.parts;
  const m = get('method');
  const written = m ? stringValue(ev, m) : 'GET'; // axios's default
  const method = written !== undefined && HTTP_VERBS.test(written.toUpperCase()) ? written.toUpperCase() : undefined;
  const creds = get('sendCredentialsOnCrossOriginRedirect');
  const info: RequestInfo & { declarative: DeclarativeUrl } = {
    client: 'n8n', label: "n8n's declarative routing", call: obj, ctx, url, method, base,
    follows: true, rewritesAllMethods: false, rewritesPost: true, keepsAuthAcrossOrigins: !(creds && isFalse(creds.value)),
    declarative: { node: u.value, path: path.parts, expression: path.expression, holeRanges: path.holeRanges, nodeCtx: node && node.ctx !== ctx ? node.ctx : undefined },
  };
  const ownOff = option(ev, own, 'disableFollowRedirect');
  const defaultOff = defaults ? option(ev, defaults, 'disableFollowRedirect') : undefined;
  const off = ownOff ?? defaultOff;
  if (off && isTrue(off.value)) {
    stopsFollowing(info, off);
    if (off === ownOff && defaultOff && isTrue(defaultOff.value)) {
      // written twice: removing either one alone would not make it follow, so no option is "the" site to remove
      info.disabledBy = undefined;
      info.noFollowReason = "disableFollowRedirect: true in both the operation's routing.request and the node's requestDefaults turns redirect following off";
    }
  }
  return info;
}

// ---------------------------------------------------------------- the node a request belongs to

export interface NodeDescription {
  ctx: FileContext;
  /** The description object itself (`{ displayName, credentials, requestDefaults, properties }`). */
  desc: ts.ObjectLiteralExpression;
  /** The description's `requestDefaults` object, when it is a literal. */
  defaults?: ts.ObjectLiteralExpression;
}

/**
 * The node description whose `properties` hold `obj`: an enclosing description object, or one in an importer that
 * reaches the top-level declaration holding `obj` through its `properties` (spreads, names, imports).
 * `memo` keeps the answer per top-level statement for one analysis.
 */
function describingNode(ev: Evaluator, obj: ts.ObjectLiteralExpression, ctx: FileContext,
  memo?: Map<ts.Node, NodeDescription | undefined>): NodeDescription | undefined {
  for (let n: ts.Node | undefined = obj.parent; n; n = n.parent) {
    if (ts.isObjectLiteralExpression(n)) {
      const d = requestDefaultsOf(n);
      if (d) return { ctx, desc: n, defaults: d.defaults };
    }
  }
  let top: ts.Node = obj;
  while (top.parent && top.parent !== ctx.sf) top = top.parent;
  if (memo?.has(top)) return memo.get(top);
  const found = importingNode(ev, obj, ctx);
  memo?.set(top, found);
  return found;
}

/**
 * When a node names no base URL at all, the base its credentials' test request uses (`test: { request: { baseURL:
 * 'https://api2.frontapp.com', url: '/me' } }`), if it is a plain string. The credentials are found the way the
 * n8n-nodes-starter lays them out: `credentials: [{ name: 'frontApi' }]` is the class FrontApi whose `name` is
 * 'frontApi', in credentials/FrontApi.credentials.ts beside the nodes folder.
 */
function credentialsTestBase(desc: ts.ObjectLiteralExpression, ctx: FileContext): OptionValue | undefined {
  const list = propertyInit(desc, 'credentials');
  const first = list && skipOuter(list);
  const entry = first && ts.isArrayLiteralExpression(first) && first.elements.length === 1 ? skipOuter(first.elements[0] as ts.Expression) : undefined;
  const nameInit = entry && ts.isObjectLiteralExpression(entry) ? propertyInit(entry, 'name') : undefined;
  if (!nameInit || !ts.isStringLiteralLike(nameInit) || !/^[A-Za-z][\w]*$/.test(nameInit.text)) return undefined;
  const name = nameInit.text;
  const file = `${name[0].toUpperCase()}${name.slice(1)}.credentials`;
  for (const spec of [`../../credentials/${file}`, `../credentials/${file}`]) {
    const f = ctx.project.importedFile(ctx, spec);
    if (!f) continue;
    for (const st of f.sf.statements) {
      if (!ts.isClassDeclaration(st)) continue;
      const member = (key: string) => st.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === key)?.initializer;
      const own = member('name');
      const test = member('test');
      if (!own || !ts.isStringLiteralLike(own) || own.text !== name || !test || !ts.isObjectLiteralExpression(skipOuter(test))) continue;
      const request = propertyInit(skipOuter(test) as ts.ObjectLiteralExpression, 'request');
      const base = request && ts.isObjectLiteralExpression(skipOuter(request)) ? propertyInit(skipOuter(request) as ts.ObjectLiteralExpression, 'baseURL') : undefined;
      // only a plain URL: an expression (`={{$credentials.baseUrl}}`) says nothing more than the node does
      if (!base || !ts.isStringLiteralLike(base) || !/^https?:\/\//i.test(base.text)) return undefined;
      return { value: base, ctx: f, env: EMPTY_ENV };
    }
  }
  return undefined;
}

/** A node description: an object with `requestDefaults`, or with both `credentials` and `properties`. */
function requestDefaultsOf(o: ts.ObjectLiteralExpression): { defaults?: ts.ObjectLiteralExpression } | undefined {
  const defaults = propertyInit(o, 'requestDefaults');
  if (defaults) {
    const init = skipOuter(defaults);
    return { defaults: ts.isObjectLiteralExpression(init) ? init : undefined };
  }
  return propertyInit(o, 'credentials') && propertyInit(o, 'properties') ? {} : undefined;
}

function importingNode(ev: Evaluator, obj: ts.ObjectLiteralExpression, ctx: FileContext): NodeDescription | undefined {
  let level: FileContext[] = [ctx];
  const seen = new Set<FileContext>([ctx]);
  for (let i = 0; i < MAX_IMPORT_LEVELS && level.length; i++) {
    const next: FileContext[] = [];
    for (const f of level) {
      for (const imp of f.project.importersOf(f)) {
        if (seen.has(imp)) continue;
        seen.add(imp);
        next.push(imp);
        if (!imp.text.includes('requestDefaults') && !imp.text.includes('credentials')) continue;
        const hit = descriptionReaching(ev, imp, obj, ctx);
        if (hit) return hit;
      }
    }
    level = next;
  }
  return undefined;
}

/** A description object of `file` whose `properties` reach `obj` (written in `ctx`). */
function descriptionReaching(ev: Evaluator, file: FileContext, obj: ts.Node, ctx: FileContext): NodeDescription | undefined {
  let out: NodeDescription | undefined;
  const visit = (n: ts.Node): void => {
    if (out) return;
    if (ts.isObjectLiteralExpression(n)) {
      const d = requestDefaultsOf(n);
      const props = d && propertyInit(n, 'properties');
      if (d && props && reaches(ev, props, file, obj, ctx, 0)) {
        out = { ctx: file, desc: n, defaults: d.defaults };
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file.sf);
  return out;
}

function propertyInit(o: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of o.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === key) return p.initializer;
  return undefined;
}

/** Whether the value of `e` (an array of properties, through spreads and names) contains the node `obj` of `ctx`. */
function reaches(ev: Evaluator, e: ts.Expression, ectx: FileContext, obj: ts.Node, ctx: FileContext, depth: number): boolean {
  if (depth > 6) return false;
  const r = ev.deref(e, ectx, EMPTY_ENV);
  if (r.kind !== 'expr') return false;
  const x = skipOuter(r.expr);
  if (r.ctx === ctx && obj.pos >= x.pos && obj.end <= x.end) return true;
  if (!ts.isArrayLiteralExpression(x)) return false;
  return x.elements.some((el) => reaches(ev, ts.isSpreadElement(el) ? el.expression : el, r.ctx, obj, ctx, depth + 1));
}

// ---------------------------------------------------------------- n8n expressions as URL parts

/**
 * A string value as n8n reads it: a plain string is sent as written; `=…` is an expression whose `{{ … }}` are
 * unknown (holes). The parts keep the source positions of the text around the holes.
 */
function expressionParts(parts: Part[], written: ts.Expression, ctx: FileContext): { parts: Part[]; expression: boolean; holeRanges: Map<Part, [number, number]> } {
  const holeRanges = new Map<Part, [number, number]>();
  const first = parts[0];
  if (!first || first.kind !== 'lit' || !first.text.startsWith('=')) return { parts, expression: false, holeRanges };
  const body: Part[] = [first.text.length > 1 ? sliceLit(first, 1, first.text.length) : undefined, ...parts.slice(1)].filter((p): p is Part => !!p);
  const flat = flatten(body);
  const spans: Array<[number, number]> = [];
  for (let i = flat.indexOf('{{'); i >= 0; i = flat.indexOf('{{', i)) {
    const close = flat.indexOf('}}', i + 2);
    const end = close < 0 ? flat.length : close + 2;
    spans.push([i, end]);
    i = end;
  }
  if (!spans.length) return { parts: body, expression: true, holeRanges };
  const out: Part[] = [];
  let at = 0; // flat offset of the current part
  let span = 0;
  for (const p of body) {
    const len = p.kind === 'lit' ? p.text.length : 1;
    let from = 0; // offset inside p of text not yet emitted
    while (from < len) {
      const s = spans[span];
      if (!s || s[0] >= at + len) {
        out.push(from === 0 ? p : sliceLit(p as Extract<Part, { kind: 'lit' }>, from, len));
        break;
      }
      const holeStart = Math.max(s[0] - at, from);
      if (holeStart > from && p.kind === 'lit') out.push(sliceLit(p, from, holeStart));
      if (s[0] >= at + from) {
        // the hole starts in this part: one hole for the whole `{{ … }}`
        const name = flat.slice(s[0] + 2, s[1] - 2).trim();
        const hole: Part = { kind: 'hole', node: written, ctx, anchor: p.anchor, indirect: p.indirect, name };
        out.push(hole);
        const range = p.kind === 'lit' && p.origin?.exact && s[1] <= at + len ? [p.origin.start + (s[0] - at), p.origin.start + (s[1] - at)] as [number, number] : undefined;
        if (range && p.kind === 'lit' && p.origin?.ctx === ctx) holeRanges.set(hole, range);
      }
      if (s[1] <= at + len) {
        from = s[1] - at;
        span++;
      } else break; // the hole goes on in the next part
    }
    at += len;
  }
  return { parts: out.filter((p) => p.kind !== 'lit' || p.text.length > 0), expression: true, holeRanges };
}

/**
 * Source edits that delete characters [from, to) of a declarative `url`'s path (holes count one character), when
 * every one of them is written in the `url` literal itself (not a constant other code may use): text around the
 * `{{ … }}` by its position, a hole by the range of its `{{ … }}`. `'=/teams/{{$parameter.teamId}}/contacts'`
 * becomes `'=/contacts'`, still an n8n expression.
 */
export function declarativeDeletion(d: DeclarativeUrl, ctx: FileContext, from: number, to: number): TextEdit[] | undefined {
  const lit = skipOuter(d.node);
  if (!ts.isStringLiteral(lit) && !ts.isNoSubstitutionTemplateLiteral(lit)) return undefined;
  const idx = charIndex(d.path);
  const ranges: Array<[number, number]> = [];
  for (let i = from; i < to; i++) {
    const [pi, off] = idx[i];
    const p = d.path[pi];
    let r: [number, number] | undefined;
    if (p.kind === 'hole') r = d.holeRanges.get(p);
    else if (p.origin && !p.indirect && p.origin.ctx === ctx && p.origin.node === lit) r = sourceRange(p.origin, off, off + 1);
    if (!r) return undefined;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === r[0]) last[1] = r[1];
    else ranges.push([r[0], r[1]]);
  }
  return ranges.map(([start, end]) => ({ file: ctx.fileName, start, end, newText: '' }));
}
