// axios: `axios(config)`, `axios(url, config)`, verb methods (`post(url, data, config)`), instances made by
// `axios.create(config)`, and `x.defaults.key = value` assignments in the file. `maxRedirects: 0` does not follow.
import { ts } from '../ts';
import type { FileContext } from '../files';
import { EMPTY_ENV, Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { NEST_HTTP_MODULE, nestHttpModuleOptions } from './nestjs-http';
import { VERBS, applyBase, isStringish, lastOption, methodOfVerb, numberValue, option, requestMethod, stopsFollowing } from './options';

// Verb methods whose second argument is the body, so the config is the third.
const DATA_VERBS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

export const axiosModel: ClientModel = {
  kind: 'axios',
  // an injected NestJS HttpService is an instance of '@nestjs/axios' (values.ts typeInstance): axios underneath
  fromPackage: (module, path) => (module === 'axios' && (path === '' || path === 'axios')) || (module === '@nestjs/axios' && path === ''),
  factories: ['create'],
  describe: (c) => describeAxios(c),
};

/**
 * An axios-style call (`x(config)`, `x(url, config)`, `x.post(url, data, config)`). `programDefaults`: whether
 * `axios.defaults` set in the program apply (not for a platform's axios, which runs in the platform's process).
 */
export function describeAxios(c: ClientCall, programDefaults = true): RequestInfo | undefined {
  const { ev, verb, args } = c;
  let urlExpr: ts.Expression | undefined;
  let cfgExpr: ts.Expression | undefined;
  let method: string | undefined;
  if (verb === undefined || verb === 'request') {
    if (args.length >= 2 || (args[0] && isStringish(args[0], ev, c.ctx, c.env))) {
      urlExpr = args[0];
      cfgExpr = args[1];
    } else cfgExpr = args[0];
  } else if (VERBS.has(verb) || DATA_VERBS.has(verb)) {
    method = methodOfVerb(verb);
    urlExpr = args[0];
    cfgExpr = DATA_VERBS.has(verb) ? args[2] : args[1];
  } else return undefined;
  const cfg = c.obj(cfgExpr);
  // an injected NestJS HttpService: the options of the HttpModule that provides it
  const configs = c.configs.flatMap((r) => (r.kind === 'unknown' && r.name === NEST_HTTP_MODULE ? nestHttpModuleOptions(c.ctx) : [r]));
  const all = programDefaults
    ? [...projectDefaults(c.ctx), ...configs, ...defaultsAssignments(c.ctx, c.client.names), ...(cfg ? [cfg] : [])]
    : [...configs, ...(cfg ? [cfg] : [])];
  let url = c.str(urlExpr);
  if (!urlExpr && cfg) {
    const u = option(ev, cfg, 'url');
    if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
  }
  const info: RequestInfo = { ...c.initial, url };
  info.method = requestMethod(ev, all, method);
  const mr = lastOption(ev, all, 'maxRedirects');
  if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
  info.rewritesPost = true;
  applyBase(ev, info, all, 'baseURL', false);
  return info;
}

/** `instance.defaults.maxRedirects = 0`, `axios.defaults.baseURL = …` in the file, as an options object. */
function defaultsAssignments(ctx: FileContext, names: string[]): Ref[] {
  const out: Ref[] = [];
  const wanted = new Set(names);
  if (!ctx.textTest(/\.defaults\b/, ['.defaults'])) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      ts.isPropertyAccessExpression(n.left.expression) && n.left.expression.name.text === 'defaults') {
      const owner = n.left.expression.expression.getText(ctx.sf);
      if (wanted.has(owner) || owner === 'axios') {
        out.push({ kind: 'expr', ctx, expr: syntheticObject(n), env: EMPTY_ENV, indirect: true });
      }
    }
  };
  for (const n of ctx.nodes()) visit(n);
  return out;
}

/** Files looked at for a setup module's `axios.defaults` (a module-wide setting is made once, near the entry point). */
const MAX_SETUP_FILES = 32;

/**
 * `axios.defaults.maxRedirects = 0` in another module of the program: one this file imports, one that imports it (an
 * entry point), or one such an importer imports (`import './setup'` next to `import './contacts'`). axios.defaults
 * is process-wide, and `axios.create()` starts from it, so it applies to the default export and to instances.
 */
function projectDefaults(ctx: FileContext): Ref[] {
  const project = ctx.project;
  // Texts first (no parse): only a file that says `axios.defaults` is parsed and read.
  const seen = new Set<string>([ctx.fileName]);
  const setup: Array<{ name: string; text: string }> = [];
  let looked = 0;
  const consider = (f: { name: string; text: string } | undefined): void => {
    if (!f || seen.has(f.name) || looked >= MAX_SETUP_FILES) return;
    seen.add(f.name);
    looked++;
    if (f.text.includes('axios.defaults')) setup.push(f);
  };
  for (const spec of ctx.importSpecifiers()) consider(project.importedText(ctx.fileName, spec));
  for (const importer of project.importerTexts(ctx)) {
    consider(importer);
    for (const spec of importSpecifiersOf(importer.text)) consider(project.importedText(importer.name, spec));
  }
  const out: Ref[] = [];
  for (const { name, text } of setup) {
    const f = project.parsed(name, text);
    for (const n of f.nodes()) {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
        ts.isPropertyAccessExpression(n.left.expression) && n.left.expression.name.text === 'defaults' &&
        n.left.expression.expression.getText(f.sf) === 'axios')
        out.push({ kind: 'expr', ctx: f, expr: syntheticObject(n), env: EMPTY_ENV, indirect: true });
    }
  }
  return out;
}

/** `import … from 'x'`, `import 'x'`, `require('x')` in a text, without parsing it. */
function importSpecifiersOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\r\n]+)\1/g)) out.push(m[2]);
  return out;
}

/**
 * A `x.defaults.key = value` assignment seen as `{ key: value }`: we keep the real assignment node and let
 * `option` read it through a tiny adapter object literal built from the real nodes.
 */
const syntheticCache = new WeakMap<ts.BinaryExpression, ts.ObjectLiteralExpression>();
function syntheticObject(assign: ts.BinaryExpression): ts.ObjectLiteralExpression {
  let o = syntheticCache.get(assign);
  // An incremental reparse keeps the assignment node and moves it: the adapter must move with it.
  if (!o || o.pos !== assign.pos || o.end !== assign.end) {
    const left = assign.left as ts.PropertyAccessExpression;
    const prop = ts.factory.createPropertyAssignment(left.name.text, assign.right);
    // Keep positions pointing at the real assignment so messages and edits land in the source.
    ts.setTextRange(prop, assign);
    (prop as { parent?: ts.Node }).parent = assign;
    o = ts.factory.createObjectLiteralExpression([prop]);
    ts.setTextRange(o, assign);
    (o as { parent?: ts.Node }).parent = assign.parent;
    syntheticCache.set(assign, o);
  }
  return o;
}
