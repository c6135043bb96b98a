// The server an application sets for a generated OpenAPI client. The generated code defaults to the spec's server
// (Front's: https://api2.frontapp.com), but the application usually says where its requests go, and then that
// setting wins: the redirect rules depend on the host (api2 → api.frontapp.com drops Authorization, api → api does
// not). Read from the generators' runtimes:
//   - @hey-api/openapi-ts: `client.setConfig({ baseUrl })` on the client.gen.ts client (client-fetch/client-axios
//     `setConfig` merges into the client's config), `createClientConfig` (the app's runtimeConfigPath module,
//     wrapped around the generated config in client.gen.ts) and a client passed to the operation
//     (`getContact({ client })`); the last two are read in request-descriptor.ts (madeClient, passedClients);
//   - openapi-generator typescript-fetch: `new ContactsApi(new Configuration({ basePath }))` (runtime.ts
//     `Configuration.basePath` falls back to BASE_PATH only when none is given);
//   - openapi-generator typescript-axios: `new ContactsApi(new Configuration({ basePath }), basePath?, axios?)`,
//     `ContactsApiFp(configuration)`, `ContactsApiFactory(configuration, basePath, axios)` (base.ts BaseAPI:
//     `this.basePath = configuration?.basePath ?? basePath`);
//   - swagger-typescript-api: `new Api({ baseUrl })` (HttpClient's constructor assigns its config over `baseUrl`).
// Settings are looked for where the application makes or configures the client: the generated file's importers,
// and theirs through index files that re-export it. Test files are left out (a mock server's URL does not move the
// application's requests).
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import { EMPTY_ENV, enclosingClass, flatten, type Evaluator, type Part, type Ref } from '../values';
import { hostOf } from '../prefilter';
import type { RequestInfo } from './model';
import { joinBase, option } from './options';
import { generatedDefaultBase, hasScheme } from './generated-base';

/** The keys generated clients' configurations name their server by. */
const SERVER_KEYS = ['basePath', 'baseUrl', 'baseURL'];
/** Files looked at for settings, at most: the generated client's importers and re-exporters' importers. */
const MAX_FILES = 40;
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|e2e)\/|\.(test|spec|stories)\.[cm]?[jt]sx?$/;

/** One place the application decides the server: the base URL it sets, or none (the generated default applies). */
export type ServerSetting = Part[] | 'default';

/**
 * The files that can configure a generated client declared in `ctx`: its importers, and the importers of those that
 * re-export it (`export * from './apis/ContactsApi'` in an index), without test files.
 */
function configuringFiles(ctx: FileContext, names: readonly string[]): FileContext[] {
  const out: FileContext[] = [];
  const seen = new Set<string>([ctx.fileName]);
  const queue: Array<{ file: FileContext; depth: number }> = [{ file: ctx, depth: 0 }];
  while (queue.length && out.length < MAX_FILES) {
    const { file, depth } = queue.shift()!;
    for (const imp of file.project.importersOf(file, (text) => names.some((n) => text.includes(n)) || /\bexport\s*\*/.test(text))) {
      if (seen.has(imp.fileName)) continue;
      seen.add(imp.fileName);
      if (!isTestFile(ctx.fileName, imp.fileName)) out.push(imp);
      if (depth < 2 && reExports(imp, names)) queue.push({ file: imp, depth: depth + 1 });
    }
  }
  return out;
}

/**
 * Whether a file is a test's (`*.test.ts`, `__tests__/`, `test/`), judged on its path below the directory it shares
 * with the generated client: the checkout itself may sit under a `test/` directory.
 */
function isTestFile(generated: string, file: string): boolean {
  const a = generated.split(/[\\/]/);
  const b = file.split(/[\\/]/);
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return TEST_FILE.test(b.slice(i).join('/'));
}

/** Whether a module hands on (some of) these names from its imports: `export * from …`, `export { X } from …`. */
function reExports(file: FileContext, names: readonly string[]): boolean {
  return file.sf.statements.some((st) => {
    if (!ts.isExportDeclaration(st) || !st.moduleSpecifier) return false;
    const clause = st.exportClause;
    if (!clause || ts.isNamespaceExport(clause)) return true;
    return clause.elements.some((el) => names.includes((el.propertyName ?? el.name).text));
  });
}

/**
 * hey-api: the `baseUrl` of each `client.setConfig({ baseUrl })` the application makes on the generated client
 * (`clientInit`, the `createClient(…)` call client.gen.ts exports).
 */
export function heyApiSettings(ev: Evaluator, clientInit: ts.Expression, clientCtx: FileContext, exportedName: string): ServerSetting[] {
  const out: ServerSetting[] = [];
  for (const file of [clientCtx, ...configuringFiles(clientCtx, [exportedName, 'setConfig'])]) {
    for (const site of file.callSites('setConfig')) {
      const callee = skipOuter(site.expression);
      if (!ts.isCallExpression(site) || !ts.isPropertyAccessExpression(callee) || !site.arguments[0]) continue;
      const recv = ev.deref(callee.expression, file, EMPTY_ENV, true);
      if (recv.kind !== 'expr' || skipOuter(recv.expr) !== clientInit) continue;
      const base = serverOf(ev, ev.deref(site.arguments[0], file, EMPTY_ENV, true));
      // setConfig({ headers }) leaves the server as it was
      if (base) out.push(base);
    }
  }
  return out;
}

/**
 * Class-based generated clients (typescript-fetch, typescript-axios, swagger-typescript-api): what the application
 * passes where it makes an API class (`new ContactsApi(configuration, basePath)`), or calls a typescript-axios
 * functional API (`ContactsApiFp(configuration)`, `ContactsApiFactory(configuration, basePath)`).
 */
export function classSettings(ev: Evaluator, ctx: FileContext, cls: ts.ClassLikeDeclaration | undefined, functions: readonly string[]): ServerSetting[] {
  const className = cls?.name?.text;
  const names = [...(className ? [className] : []), ...functions];
  if (!names.length) return [];
  const out: ServerSetting[] = [];
  for (const file of configuringFiles(ctx, names)) {
    for (const name of names) {
      for (const site of file.callSites(name)) {
        const isNew = ts.isNewExpression(site);
        if (isNew !== (name === className)) continue;
        const target = ev.deref(site.expression, file, EMPTY_ENV);
        if (isNew ? target.kind !== 'class' || target.node !== cls : target.kind !== 'function' || target.ctx.fileName !== ctx.fileName) continue;
        const [config, basePath] = site.arguments ?? [];
        const fromConfig = config && serverOf(ev, configurationOptions(ev, ev.deref(config, file, EMPTY_ENV, true)));
        const fromArgument = basePath && !ts.isSpreadElement(basePath) ? ev.evaluateString(basePath, file, EMPTY_ENV) : undefined;
        out.push(fromConfig ?? (fromArgument?.length ? fromArgument : 'default'));
      }
    }
  }
  return out;
}

/** `new Configuration({ basePath })` is read through to its options; an object literal is the options itself. */
function configurationOptions(ev: Evaluator, ref: Ref): Ref {
  // a project class's instance remembers the `new Configuration(…)` it was made by
  if (ref.kind === 'class' && ref.instance?.expr.arguments?.[0]) return ev.deref(ref.instance.expr.arguments[0], ref.instance.ctx, ref.instance.env, true);
  if (ref.kind !== 'expr') return ref;
  const e = skipOuter(ref.expr);
  if (ts.isNewExpression(e) && e.arguments?.[0]) return ev.deref(e.arguments[0], ref.ctx, ref.env, true);
  return ref;
}

function serverOf(ev: Evaluator, options: Ref): Part[] | undefined {
  for (const key of SERVER_KEYS) {
    const o = option(ev, options, key);
    if (o) return ev.evaluateString(o.value, o.ctx, o.env);
  }
  return undefined;
}

/**
 * The server a request is judged on, given the generated default and the application's settings: none found, the
 * default; else the one that breaks if any does (a Front host other than api.frontapp.com: api2, a company host),
 * then api.frontapp.com, then one we cannot read, then any other host (a proxy the application goes through).
 */
export function chooseServer(defaultBase: Part[] | undefined, settings: readonly ServerSetting[]): Part[] | undefined {
  if (!settings.length) return defaultBase;
  const candidates = settings.map((s) => (s === 'default' ? defaultBase : s)).filter((s): s is Part[] => !!s && s.length > 0);
  let best: Part[] | undefined;
  let bestRank = Infinity;
  for (const c of candidates) {
    const r = rank(c);
    if (r < bestRank) [best, bestRank] = [c, r];
  }
  return best;
}

function rank(base: Part[]): number {
  const host = hostOf(flatten(base));
  if (!host || !base.length || base[0].kind !== 'lit') return 2;
  if (host === 'api.frontapp.com') return 1;
  return /(^|\.)frontapp\.com$/.test(host) ? 0 : 3;
}

/**
 * A request a generated API class sends through its runtime (typescript-fetch's `this.request({ path, method })`,
 * followed into runtime.ts; swagger-typescript-api's HttpClient): its URL starts with the generated default server,
 * which the application may replace where it makes the class. Then the URL starts with the application's server.
 */
export function rebaseOnAppServer(ev: Evaluator, info: RequestInfo, call: ts.CallExpression, ctx: FileContext): RequestInfo {
  const url = info.url;
  if (!url || !hasScheme(url)) return info;
  const cls = enclosingClass(call);
  if (!cls?.name) return info;
  const generated = generatedDefaultBase(ev, call, ctx, EMPTY_ENV);
  if (!generated) return info;
  const old = flatten(generated).replace(/\/+$/, '');
  if (!flatten(url).startsWith(old)) return info;
  const chosen = chooseServer(generated, classSettings(ev, ctx, cls, []));
  if (!chosen || flatten(chosen).replace(/\/+$/, '') === old) return info;
  const rest = dropChars(url, old.length);
  const base = chosen.map((p) => ({ ...p, indirect: true }));
  return { ...info, base, url: joinBase(base, rest, true), baseUnknown: false };
}

/** The parts after the first `n` characters (a literal cut in two keeps no source range: no edit may start in it). */
function dropChars(parts: readonly Part[], n: number): Part[] {
  const out: Part[] = [];
  let left = n;
  for (const p of parts) {
    if (left <= 0) out.push(p);
    else if (p.kind !== 'lit') left -= 1;
    else if (p.text.length <= left) left -= p.text.length;
    else {
      out.push({ ...p, text: p.text.slice(left), origin: undefined });
      left = 0;
    }
  }
  return out;
}
