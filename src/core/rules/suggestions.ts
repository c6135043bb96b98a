// Suggestions shared by the redirect rules.
import { ts, skipOuter } from '../ts';
import type { RuleRun, Request } from '../run';
import type { Suggestion, TextEdit } from '../types';
import { defineFact, type FileContext } from '../files';
import { pathView } from '../url';
import { hostOf } from '../prefilter';
import { flatten, HOLE_CHAR } from '../values';

import { RUNTIME_MODULE } from '../runtime-module';

export { RUNTIME_MODULE };

/**
 * Remove the option that turns following off. Only offered for reads (a followed write becomes a GET) sent
 * to api.frontapp.com itself: Front's Location points there, and every client drops the Authorization
 * header when a redirect changes host, so a followed read from api2.frontapp.com (or a proxy, or a host
 * the engine cannot see) would come back 401. Those get only the runtime helper, which re-sends the same
 * request, credentials included, to the migrated contact.
 */
export function followSuggestion(run: RuleRun, req: Request): Suggestion | undefined {
  const site = req.disabledBy;
  if (!site || req.viaWrapper || !followWorks(run, req)) return undefined;
  if (site.ctx !== run.ctx) return undefined;
  const edits = removalEdits(run, site.node);
  if (!edits) return undefined;
  return { title: `Remove \`${shortText(site.text)}\` (follow the 301)`, edits };
}

/**
 * Following the 301 is the whole fix: a read (a followed write becomes a GET) sent to api.frontapp.com itself,
 * through a client that can follow (node:http never does).
 */
export function followWorks(run: RuleRun, req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.client === 'http') return false;
  return !!req.url && pathView(req.url, run.frontBaseUrls).host === 'api.frontapp.com';
}

function removalEdits(run: RuleRun, node: ts.Node): TextEdit[] | undefined {
  const sf = run.ctx.sf;
  const file = run.ctx.fileName;
  if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
    const props = node.parent.properties;
    const i = props.indexOf(node);
    if (i < 0) return undefined;
    if (i + 1 < props.length) return [{ file, start: node.getStart(sf), end: props[i + 1].getStart(sf), newText: '' }];
    if (i > 0) return [{ file, start: props[i - 1].end, end: node.end, newText: '' }];
    // the only property: the object becomes `{}`
    const obj = node.parent;
    return [{ file, start: obj.getStart(sf) + 1, end: obj.end - 1, newText: '' }];
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    // `.redirects(0)` in a chain: cut from the end of the receiver to the end of the call
    return [{ file, start: node.expression.expression.end, end: node.end, newText: '' }];
  }
  return undefined;
}

/**
 * Route the request through the runtime helper, which re-issues the same request to the new contact id:
 * wrap `fetch` with withContactRedirects(), or install the interceptor on the axios instance.
 */
export function runtimeHelperSuggestion(run: RuleRun, req: Request): Suggestion | undefined {
  if (req.viaWrapper || req.ctx !== run.ctx) return undefined;
  const sf = run.ctx.sf;
  const file = run.ctx.fileName;
  if (req.wrapTarget) {
    const t = skipOuter(req.wrapTarget);
    const edits: TextEdit[] = [{ file, start: t.getStart(sf), end: t.end, newText: `withContactRedirects(${t.getText(sf)}${runtimeOptions(run, req)})` }];
    if (!hasImport(run, 'withContactRedirects')) edits.push(importEdit(run, 'withContactRedirects'));
    return { title: `Wrap \`${shortText(t.getText(sf))}\` with withContactRedirects`, edits };
  }
  if (req.runtimeWrap) {
    const { helper, target } = req.runtimeWrap;
    if (target.getSourceFile() !== sf) return undefined;
    const t = skipOuter(target);
    // two insertions, not a replacement that copies the text: the target may be in another statement, whose edits
    // must not be undone by a finding reused from before them (see analyze.ts, per-statement analysis)
    const edits: TextEdit[] = [
      { file, start: t.getStart(sf), end: t.getStart(sf), newText: `${helper}(` },
      { file, start: t.end, end: t.end, newText: ')' },
    ];
    if (!hasImport(run, helper)) edits.push(importEdit(run, helper));
    return { title: `Wrap \`${exprLabel(t, sf)}\` with ${helper}`, edits };
  }
  const opts = req.fetchOptions;
  if (opts && opts.getSourceFile() === sf) {
    // the client's configuration takes the fetch it sends with: give it the wrapped one
    const prop = `fetch: withContactRedirects(fetch${runtimeOptions(run, req)})`;
    const first = opts.properties[0];
    const open = opts.getStart(sf) + 1;
    let edit: TextEdit;
    if (!first) edit = { file, start: open, end: opts.end - 1, newText: ` ${prop} ` };
    else {
      const at = first.getStart(sf);
      const multiline = /[\n\r]/.test(sf.text.slice(open, at));
      edit = { file, start: at, end: at, newText: multiline ? `${prop},${eolOf(run)}${indentOf(sf.text, at)}` : `${prop}, ` };
    }
    const edits = [edit];
    if (!hasImport(run, 'withContactRedirects')) edits.push(importEdit(run, 'withContactRedirects'));
    return { title: `Install \`fetch: withContactRedirects(fetch)\` in the ${req.client} client's options`, edits };
  }
  const inst = req.axiosInstance;
  if (inst && !req.helperInstalled) {
    const install = `installContactRedirects(${inst.name}${runtimeOptions(run, req)});`;
    const needImport = !hasImport(run, 'installContactRedirects');
    let edits: TextEdit[];
    const eol = eolOf(run);
    if (inst.after) {
      edits = [{ file, start: inst.after.end, end: inst.after.end, newText: `${eol}${indentOf(sf.text, inst.after.getStart(sf))}${install}` }];
      if (needImport) edits.push(importEdit(run, 'installContactRedirects'));
    } else if (inst.into) {
      // first statement of the block (a constructor whose body may be `{}`), one level deeper than the block
      const open = inst.into.getStart(sf) + 1;
      const first = inst.into.statements[0];
      const indent = first ? indentOf(sf.text, first.getStart(sf)) : `${indentOf(sf.text, inst.into.parent.getStart(sf))}  `;
      const closing = first ? '' : `${eol}${indentOf(sf.text, inst.into.parent.getStart(sf))}`;
      const emptyBody = !first && sf.text.slice(open, inst.into.end - 1).trim() === '';
      edits = [emptyBody
        ? { file, start: open, end: inst.into.end - 1, newText: `${eol}${indent}${install}${closing}` }
        : { file, start: open, end: open, newText: `${eol}${indent}${install}` }];
      if (needImport) edits.push(importEdit(run, 'installContactRedirects'));
    } else {
      // the axios default export: install right after the imports (one edit, so the order is fixed)
      const imp = importEdit(run, 'installContactRedirects');
      const prefix = needImport ? imp.newText : '';
      const afterStatement = imp.start > 0 && !/[\n\r\uFEFF]/.test(sf.text[imp.start - 1]);
      edits = [{ ...imp, newText: afterStatement ? `${prefix}${eol}${install}` : `${prefix}${install}${eol}` }];
    }
    return { title: `Install installContactRedirects on \`${inst.name}\``, edits };
  }
  return undefined;
}

/**
 * The helper's second argument: `, { frontBaseUrls: ['<base>'] }` when the request goes to Front through a
 * configured base (`frontBaseUrls` / `passThroughProxies`, a proxy for example), else nothing. The runtime
 * knows `*.frontapp.com` by itself but a proxy only when told: without it the wrapped request would still get
 * the proxy's 301 while `check` turns green.
 */
function runtimeOptions(run: RuleRun, req: Request): string {
  const base = configuredBaseOf(run, req);
  return base === undefined ? '' : `, { frontBaseUrls: [${quoted(base)}] }`;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The base URL, as the runtime reads it (an absolute URL; its path, when it has one, prefixes Front's routes),
 * of the configured entry the request's URL goes through. A configured base URL the request starts with is
 * passed as written; a host name (config entries may be bare hosts) becomes the request's own origin, port
 * included, since the runtime compares scheme and host. Undefined for Front's own hosts and unknown origins.
 */
function configuredBaseOf(run: RuleRun, req: Request): string | undefined {
  const configured = [...run.frontBaseUrls, ...(run.options.passThroughProxies ?? [])];
  if (!req.url || configured.length === 0) return undefined;
  const flat = flatten(req.url);
  const origin = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)/i.exec(flat);
  if (!origin || origin[0].includes(HOLE_CHAR)) return undefined;
  const host = origin[2].replace(/^[^@]*@/, '').toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  if (hostname === 'frontapp.com' || hostname.endsWith('.frontapp.com')) return undefined;
  const sameHost = configured.filter((b) => hostOf(b) === hostname);
  for (const entry of sameHost) {
    const b = entry.trim().replace(/\/+$/, '');
    if (SCHEME.test(b) && flat.toLowerCase().startsWith(b.toLowerCase()) && /^($|[/?#])/.test(flat.slice(b.length))) return b;
  }
  return sameHost.length ? `${origin[1].toLowerCase()}//${host}` : undefined;
}

function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The whitespace before the first character of `pos`'s line. */
function indentOf(text: string, pos: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', pos - 1), text.lastIndexOf('\r', pos - 1)) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))![0];
}

/** An expression as a title names it: a call by its callee (`got.extend(…)`), anything else by its text. */
function exprLabel(e: ts.Expression, sf: ts.SourceFile): string {
  return ts.isCallExpression(e) && e.arguments.length ? `${shortText(e.expression.getText(sf))}(…)` : shortText(e.getText(sf));
}

/** Source text for an action's title: one line, at most ~40 characters. */
export function shortText(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= 40 ? one : `${one.slice(0, 39)}…`;
}

function hasImport(run: RuleRun, name: string): boolean {
  return run.ctx.textTest(new RegExp(`\\b${name}\\b[^\\n]*(from\\s*|require\\(\\s*)['"]${RUNTIME_MODULE}['"]|\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=\\s*require\\(\\s*['"]${RUNTIME_MODULE}`), [name, RUNTIME_MODULE]);
}

/** Where the import of the runtime helper goes (a whole-file fact: noted for per-statement reuse). */
function importEdit(run: RuleRun, name: string): TextEdit {
  const file = run.ctx.fileName;
  const v = run.ctx.fact('importEdit', name);
  const at = v.ranges![0];
  return { file, start: at, end: at, newText: v.data as string };
}

defineFact('importEdit', (ctx, name) => {
  const e = computeImportEdit(ctx, name);
  return { data: e.newText, ranges: [e.start, e.start] };
});
defineFact('eol', (ctx) => ({ data: eolOfText(ctx.sf.text) }));

function computeImportEdit(ctx: FileContext, name: string): TextEdit {
  const sf = ctx.sf;
  const file = ctx.fileName;
  const esm = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || /\.(m?ts|tsx|mjs)$/.test(file);
  const eol = eolOfText(sf.text);
  const line = esm
    ? `import { ${name} } from '${RUNTIME_MODULE}';${eol}`
    : `const { ${name} } = require('${RUNTIME_MODULE}');${eol}`;
  // after the last import, or after a leading 'use strict' / shebang / comment header
  let at = 0;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) at = s.end;
    else break;
  }
  if (at === 0 && sf.text.startsWith('\uFEFF')) at = 1; // after a BOM, never before it
  if (at <= 1 && sf.text.startsWith('#!', at)) at = sf.text.slice(at).search(/\r\n|\n|\r/) + at + eolOfText(sf.text).length;
  const afterStatement = at > 0 && !/[\n\r\uFEFF]/.test(sf.text[at - 1]);
  return { file, start: at, end: at, newText: afterStatement ? eol + line.trimEnd() : line };
}

/** The file's own line ending (the first one written), so inserted lines match it. */
function eolOf(run: RuleRun): string {
  return run.ctx.fact('eol').data as string;
}

function eolOfText(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}
