// What a rule sees while it checks one file: the parsed file, the evaluator, the client models,
// the URL-building expressions ("roots") and the HTTP requests, each computed once and shared.
import { ts, skipOuter, preorder } from './ts';
import { FileContext, defineFact } from './files';
import { settle } from './reparse';
import { Evaluator, EMPTY_ENV, Env, Part, Ref, isNewUrl, flatten } from './values';
import { ClientModels, RequestInfo, isClientPackage } from './clients';
import { RequestSummaries, type ChainedRequest } from './summaries';
import { isStandardCall } from './standard-calls';
import { typescriptAxiosOperation } from './clients/openapi-typescript-axios';
import { rebaseOnAppServer } from './clients/generated-server';
import { frontSdkOperation, isFrontSdkContactCall, mayUseFrontSdk } from './clients/front-sdk';
import { n8nDeclarativeRequest, isNodeLabel, type DeclarativeUrl, type NodeDescription } from './clients/n8n-declarative';
import type { AnalyzeOptions, Finding, RelatedLocation, RuleId, Severity, Suggestion, TextEdit } from './types';
import { cachedLineStarts, toRange } from './positions';
import { docsUrlFor } from './rules/registry';

export interface Report {
  ruleId: RuleId;
  node: ts.Node;
  message: string;
  related?: Array<{ node: ts.Node; ctx: FileContext; message: string }>;
  fix?: TextEdit[];
  /** The fix's action label. */
  fixTitle?: string;
  suggestions?: Suggestion[];
}

export interface Root {
  node: ts.Expression;
  parts: Part[];
}

export interface Request extends RequestInfo {
  /**
   * The call the finding is reported on (differs from `call` when a wrapper function makes the request); for an n8n
   * declarative node, its `routing.request` object.
   */
  reportNode: ts.CallExpression | ts.ObjectLiteralExpression;
  /** An n8n declarative request: where its `url` is written (clients/n8n-declarative.ts). */
  declarative?: DeclarativeUrl;
  viaWrapper: boolean;
  /** The files the request passes through, from the reported call to the client call (for Front evidence). */
  files: FileContext[];
  /** The functions a request made through wrappers enters, outermost first. */
  entered?: ts.FunctionLikeDeclaration[];
}

const STRING_METHODS = new Set(['concat', 'join', 'replace', 'replaceAll']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'route', 'head', 'options', 'any', 'on']);
const SERVER_PACKAGES = new Set(['express', 'koa-router', '@koa/router', 'fastify', 'hono', 'restify', 'polka', 'h3', 'elysia', 'router', 'find-my-way', 'itty-router', 'supertest', 'light-my-request', '@hapi/hapi']);
const HTTP_CLIENT_NAMES = /^(axios|got|ky|ofetch|superagent|needle|request|http|https|undici|fetch|node-fetch)$/;
const NAV_FUNCTIONS = new Set(['navigate', 'push', 'replace', 'redirect', 'href', 'Link', 'goto', 'navigateTo', 'useNavigate']);
// A server's answer that sends the browser elsewhere: `res.redirect(301, url)`, `NextResponse.redirect(url)`,
// next/navigation `redirect(url)`, `res.location(url)`. The URL is where the client goes next, not a request.
const REDIRECT_CALLS = new Set(['redirect', 'permanentRedirect', 'location']);
// Test doubles of HTTP: a URL given to them says which request to intercept, it is never sent.
const MOCK_PACKAGES = new Set(['msw', 'nock', 'fetch-mock', 'fetch-mock-jest', 'jest-fetch-mock', 'vitest-fetch-mock', 'axios-mock-adapter']);
// Assertions (node:assert, chai, jest/vitest `expect`, sinon.assert): a URL given to them is compared, never sent.
const ASSERT_PACKAGES = new Set(['assert', 'assert/strict', 'power-assert', 'uvu/assert', 'expect']);
const ASSERT_NAMES = new Set(['expect', 'assert']);

export class RuleRun {
  readonly ev = new Evaluator(isClientPackage);
  readonly clients = new ClientModels(this.ev);
  readonly summaries = new RequestSummaries(this.ev, this.clients, (c, ctx, env) => this.safeRequest(c, ctx, env));
  readonly findings: Finding[] = [];
  private rootsCache?: Root[];
  private requestsCache?: Request[];
  private unitCache?: ts.Node[];

  /** `unit`: analyse only this top-level statement of the file (its findings are kept per statement). */
  constructor(readonly ctx: FileContext, readonly options: AnalyzeOptions, readonly severities: Map<RuleId, Severity>,
    readonly unit?: ts.Statement) {}

  /** The nodes this run reports on, in source order: the unit's, or the whole file's. */
  unitNodes(): ts.Node[] {
    if (!this.unit) return this.ctx.nodes();
    if (!this.unitCache) {
      settle(this.unit);
      this.unitCache = preorder(this.unit);
    }
    return this.unitCache;
  }

  get frontBaseUrls(): string[] {
    return this.options.frontBaseUrls ?? [];
  }

  report(r: Report): void {
    const severity = this.severities.get(r.ruleId);
    if (!severity) return;
    const sf = this.ctx.sf;
    const start = r.node.getStart(sf);
    const end = r.node.end;
    const starts = cachedLineStarts(sf, sf.text);
    const related: RelatedLocation[] | undefined = r.related?.map((x) => {
      const s = x.node.getStart(x.ctx.sf);
      return { file: x.ctx.fileName, start: s, end: x.node.end, range: toRange(cachedLineStarts(x.ctx.sf, x.ctx.sf.text), s, x.node.end), message: x.message };
    });
    this.findings.push({
      ruleId: r.ruleId,
      severity,
      message: r.message,
      file: this.ctx.fileName,
      start,
      end,
      range: toRange(starts, start, end),
      ...(related && related.length ? { related } : {}),
      ...(r.fix && r.fix.length ? { fix: { edits: r.fix, ...(r.fixTitle ? { title: r.fixTitle } : {}) } } : {}),
      ...(r.suggestions && r.suggestions.length ? { suggestions: r.suggestions } : {}),
      docsUrl: docsUrlFor(r.ruleId),
    });
  }

  // ------------------------------------------------------------ roots

  /** Every outermost string-building expression of the file that is not a declaration of the user's own routes. */
  roots(): Root[] {
    if (this.rootsCache) return this.rootsCache;
    const out: Root[] = [];
    let skipUntil = -1; // end of a subtree that cannot hold a request URL (types, imports, decorators, JSX attributes)
    for (const n of this.unitNodes()) {
      if (n.pos < skipUntil) continue;
      if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isDecorator(n)) {
        skipUntil = n.end;
        continue;
      }
      // A lone literal is its own value: it can only build a team route if it says `teams`.
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && !n.text.includes('teams')) continue;
      if (isBuilder(n) && !consumedByBuilder(n) && !isModuleSpecifier(n)) {
        let parts: Part[];
        try {
          parts = this.ev.evaluateString(n, this.ctx);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e; // nested too deeply: skip this expression, keep the others
          continue;
        }
        // Whether the value is sent at all is asked only of values that can be a team route (the only roots a rule
        // reports): most URLs of a file never pay for it.
        const mayBeTeamRoute = flatten(parts).includes('teams');
        if (mayBeTeamRoute && (this.isOwnRouteDeclaration(n) || this.isNeverSent(n) || isNodeLabel(n, this.ctx))) continue;
        out.push({ node: n, parts });
      }
    }
    this.rootsCache = out;
    return out;
  }

  /** The root expression that contains `node` (in its own file), if any. */
  rootOf(node: ts.Node): ts.Expression | undefined {
    let best: ts.Expression | undefined;
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (isBuilder(n) && !consumedByBuilder(n)) return n;
      if (isBuilder(n)) best = n;
    }
    return best;
  }

  /**
   * `app.get('/teams/:id/contacts', handler)`, `router.post(…)`, a route config `{ path, component }`, a
   * router navigation: the string names a route of the user's own app, not a request to Front.
   */
  isOwnRouteDeclaration(n: ts.Node): boolean {
    let e: ts.Node = n;
    while (e.parent && ts.isParenthesizedExpression(e.parent)) e = e.parent;
    const p = e.parent;
    if (!p) return false;
    // An absolute URL is never a route of the user's own app (a mock of Front's URL is left to isNeverSent).
    if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(leadingText(e))) return false;
    if (ts.isCallExpression(p) && p.arguments[0] === e) {
      const callee = skipOuter(p.expression);
      if (ts.isPropertyAccessExpression(callee) && ROUTE_METHODS.has(callee.name.text)) {
        const recv = this.ev.deref(callee.expression, this.ctx, EMPTY_ENV);
        if (this.clients.clientOf(recv)) return false;
        if (recv.kind === 'package' && HTTP_CLIENT_NAMES.test(recv.module)) return false;
        if (servesRoutes(this.ev, recv)) return true;
        // A handler after the path: `x.get(path, (req, res) => …)` declares a route.
        return p.arguments.slice(1).some((a) => {
          const x = skipOuter(a);
          if (ts.isFunctionLike(x)) return true;
          const r = this.ev.deref(x, this.ctx, EMPTY_ENV);
          return r.kind === 'function';
        });
      }
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (NAV_FUNCTIONS.has(name) && !/^[a-z]+:\/\//i.test(stringText(e))) return true;
    }
    if (ts.isPropertyAssignment(p) && p.initializer === e && ts.isObjectLiteralExpression(p.parent)) {
      const key = p.name.getText(this.ctx.sf).replace(/['"]/g, '');
      if (key === 'path' || key === 'route' || key === 'url') {
        const sibs = p.parent.properties.map((q) => (q.name ? q.name.getText(this.ctx.sf).replace(/['"]/g, '') : ''));
        if (sibs.some((s) => /^(handler|component|element|loader|controller|children|preHandler|render|lazy|resolve|redirectTo)$/.test(s))) return true;
      }
    }
    // <Link to={`/teams/${id}/contacts`}>, <a href="/teams/1/contacts">: the app's own pages
    if (ts.isJsxAttribute(p) || (ts.isJsxExpression(p) && p.parent && ts.isJsxAttribute(p.parent))) return true;
    return false;
  }

  /**
   * A route-shaped string of the app itself rather than of Front's API: written with an express-style placeholder
   * (`'/teams/:teamId/contacts'`; Front's reference writes `:team_id`), or used in its own file as the path of the
   * app's route declarations (`app.get(ROUTES.teamContacts, handler)`, `{ path: ROUTES.x, element }`, `<Route path>`).
   * Only a whole route with a `:param` placeholder can be either (pieces like `'/teams/'` never are).
   */
  isOwnRouteShaped(lit: ts.Node, ctx: FileContext): boolean {
    if (!ts.isStringLiteral(lit) && !ts.isNoSubstitutionTemplateLiteral(lit)) return false;
    const param = /\/teams\/:([A-Za-z_$][\w$]*)\/contacts/.exec(lit.text)?.[1];
    if (!param) return false;
    if (/^[a-z][a-z0-9]*[A-Z]/.test(param)) return true; // camelCase: express style, not Front's `:team_id`
    return routeUse(ctx, lit.text).declared;
  }

  /** A request of the file `ctx` sends text written in a string literal that reads `text` (in any file). */
  sendsRoute(ctx: FileContext, text: string): boolean {
    return routeUse(ctx, text).sent;
  }

  /** String literals this file uses (through names) as the path of its own route declarations. */
  private routePathsDeclared(): Set<ts.Node> {
    const out = new Set<ts.Node>();
    for (const n of this.ctx.nodes()) {
      if (!ts.isIdentifier(n) && !ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) continue;
      if (!this.isOwnRouteDeclaration(n)) continue;
      const r = this.ev.deref(n, this.ctx, EMPTY_ENV);
      if (r.kind === 'expr') out.add(skipOuter(r.expr));
    }
    return out;
  }

  /** How the whole file uses a route string: see `routeUse`. */
  static routeUseOf(ctx: FileContext, text: string): { declared: boolean; sent: boolean } {
    const run = new RuleRun(ctx, {}, new Map());
    const declared = [...run.routePathsDeclared()].some((n) => ts.isStringLiteralLike(n) && n.text === text);
    const sent = run.requests().some((r) => [...(r.url ?? []), ...(r.base ?? [])].some((p) =>
      p.kind === 'lit' && p.origin !== undefined && ts.isStringLiteralLike(p.origin.node) && p.origin.node.text === text));
    return { declared, sent };
  }

  /**
   * A value that names a URL but that nothing sends: it flows (through literals, conversions and helper calls)
   * into the page's navigation (`location.href = …`, `location.assign(…)`), a redirect answer (`res.redirect(…)`),
   * an assertion (`expect(url).toBe(…)`, `assert.equal(…)`) or a mock's registration (msw `http.get(url, resolver)`,
   * nock scopes). A request on the way (`expect(await fetch(url))`) still sends it.
   */
  isNeverSent(n: ts.Node): boolean {
    let e = n;
    for (let p = n.parent; p; e = p, p = p.parent) {
      if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) ||
        ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isObjectLiteralExpression(p) || ts.isTemplateSpan(p) ||
        ts.isTemplateExpression(p) || ts.isAwaitExpression(p)) continue;
      if (ts.isPropertyAssignment(p) && p.initializer === e) continue;
      if (ts.isConditionalExpression(p) && p.condition !== e) continue;
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e) return this.isPageLocation(p.left);
      if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => a === e)) {
        if (ts.isCallExpression(p)) {
          if (this.sends(p)) return false;
          if (this.navigates(p) || this.describesRequests(p)) return true;
        }
        continue; // `String(url)`, `new URL(url)`, `spy.calledWith(url)`: look at where their result goes
      }
      return false;
    }
    return false;
  }

  /**
   * The call makes a request: a known client, or a function of ours that makes one (as `requests()` found them).
   * An awaited call we cannot see into may be one too (`expect(await sdk.raw(url))`).
   */
  private sends(call: ts.CallExpression): boolean {
    if (this.requests().some((r) => r.reportNode === call)) return true;
    let e: ts.Node = call;
    while (e.parent && ts.isParenthesizedExpression(e.parent)) e = e.parent;
    if (!e.parent || !ts.isAwaitExpression(e.parent)) return false;
    const fn = this.ev.deref(call.expression, this.ctx, EMPTY_ENV);
    return fn.kind !== 'function' && fn.kind !== 'class';
  }

  /** `res.redirect(…)`, `location.assign(…)`, `location.replace(…)`, `window.open(…)`. */
  private navigates(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (REDIRECT_CALLS.has(name)) return ts.isPropertyAccessExpression(callee) || name !== 'location';
    if (ts.isPropertyAccessExpression(callee) && this.isPageLocation(callee.expression)) return true;
    const r = this.ev.deref(callee, this.ctx, EMPTY_ENV);
    return r.kind === 'global' && r.name === 'open' && r.path.length === 0;
  }

  /** `location`, `window.location`, `document.location` and their `href`: assigning to them navigates the page. */
  private isPageLocation(e: ts.Expression): boolean {
    const r = this.ev.deref(e, this.ctx, EMPTY_ENV);
    if (r.kind !== 'global') return false;
    const path = r.name === 'document' ? r.path.slice(1) : r.path;
    if (r.name !== 'location' && !(r.name === 'document' && r.path[0] === 'location')) return false;
    return path.length === 0 || (path.length === 1 && (path[0] === 'href' || path[0] === 'pathname'));
  }

  /** An assertion or a mock registration: the call's chain starts at an assertion library or an HTTP test double. */
  private describesRequests(call: ts.CallExpression): boolean {
    const names: string[] = [];
    let e: ts.Expression = skipOuter(call.expression);
    for (;;) {
      if (ts.isPropertyAccessExpression(e)) {
        names.unshift(e.name.text);
        e = skipOuter(e.expression);
      } else if (ts.isCallExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(e.expression);
      else break;
    }
    if (!ts.isIdentifier(e)) return false;
    const r = this.ev.deref(e, this.ctx, EMPTY_ENV);
    // jest/vitest/mocha globals: `expect(…)…`, `assert(…)`
    if (r.kind === 'global') return r.path.length === 0 && ASSERT_NAMES.has(r.name);
    const pkg = packageOf(this.ev, r);
    if (!pkg) return false;
    if (MOCK_PACKAGES.has(pkg.module) || ASSERT_PACKAGES.has(pkg.module)) return true;
    // `import { expect } from 'vitest'`, `chai.assert.equal`, `sinon.assert.calledWith`
    const first = [...pkg.path, ...names][0];
    return first !== undefined && ASSERT_NAMES.has(first);
  }

  // ------------------------------------------------------------ requests

  requests(): Request[] {
    if (this.requestsCache) return this.requestsCache;
    const out: Request[] = [];
    const nodes = new Map<ts.Node, NodeDescription | undefined>();
    for (const n of this.unitNodes()) {
      if (ts.isObjectLiteralExpression(n)) {
        // an n8n declarative node's `routing: { request: { method, url } }`: a request no call expression makes
        const d = this.declarativeRequest(n, nodes);
        if (d) out.push({ ...d, reportNode: n, viaWrapper: false, files: d.declarative.nodeCtx ? [this.ctx, d.declarative.nodeCtx] : [this.ctx] });
        continue;
      }
      if (!ts.isCallExpression(n)) continue;
      // The language's own calls (`s.trim()`, `encodeURIComponent(x)`) send nothing and enter nothing of ours; one of
      // them is a generated client's operation, known by its shape (`const localVarPath = `…`.replace(…)`).
      const standard = isStandardCall(n, this.ctx);
      const r = standard
        ? typescriptAxiosOperation(this.ev, n, this.ctx)
        : this.safeRequest(n, this.ctx, EMPTY_ENV) ?? typescriptAxiosOperation(this.ev, n, this.ctx) ?? this.frontSdkRequest(n);
      if (r) {
        out.push({ ...r, reportNode: n, viaWrapper: false, files: [this.ctx] });
        continue;
      }
      if (standard) continue;
      // A wrapper, an SDK method, a handler given a client: the requests it makes, evaluated with this call's arguments.
      let through: ChainedRequest[];
      try {
        through = this.summaries.decide(n, this.ctx, EMPTY_ENV, this.summaries.through(n, this.ctx, EMPTY_ENV), []);
      } catch (e) {
        if (e instanceof RangeError) throw e;
        continue;
      }
      for (const { info: sent, chain } of through) {
        // a generated API class's operation: on the server the application makes the class with
        const info: RequestInfo = chain.length ? rebaseOnAppServer(this.ev, sent, n, this.ctx) : sent;
        // a callback handed to the call (`rateLimited(() => client.get(url))`): that request is in this statement
        // and judged where it is written
        if (info.ctx === this.ctx && info.call.pos >= n.pos && info.call.end <= n.end && info.call !== n) continue;
        if (chain.length === 0) {
          // the call describes its own request (a generated client's operation)
          out.push({ ...info, reportNode: n, viaWrapper: false, files: [this.ctx] });
          continue;
        }
        const inner = info.call;
        if (!ts.isCallExpression(inner)) continue; // wrappers only ever reach client calls
        const files = [this.ctx, ...chain.map((h) => h.ctx)];
        const standalone = (): Array<RequestInfo | undefined> => chain.map((_, k) => this.summaries.standalone(chain, inner, this.ctx, k + 1));
        out.push({ ...info, reportNode: n, viaWrapper: true, files, entered: chain.map((h) => h.fn), standalone } as Request);
      }
    }
    this.requestsCache = out;
    return out;
  }

  private declarativeRequest(obj: ts.ObjectLiteralExpression, nodes: Map<ts.Node, NodeDescription | undefined>) {
    try {
      return n8nDeclarativeRequest(this.ev, obj, this.ctx, nodes);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return undefined;
    }
  }

  /** `front.contact.get({ contact_id })` on an instance of the npm front-sdk (clients/front-sdk.ts). */
  private frontSdkRequest(call: ts.CallExpression): RequestInfo | undefined {
    // the call's shape first (cheap, and rare); then whether the SDK can be here at all: named in this file, or in a
    // file that imports it and may hand it the instance
    if (!isFrontSdkContactCall(call)) return undefined;
    if (!this.ctx.textTest(/front-sdk/, ['front-sdk']) && !this.ctx.project.importerTexts(this.ctx).some((f) => mayUseFrontSdk(f.text))) return undefined;
    try {
      return frontSdkOperation(this.ev, (ref) => this.clients.paramValues(ref), call, this.ctx, EMPTY_ENV);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return undefined;
    }
  }

  /**
   * The same call is asked about twice or more in one run: as a call of the statement (requests()) and as a call
   * inside a function the summaries look into (leads), both with nothing bound. Those answers are kept for the run.
   */
  private readonly unboundRequests = new Map<ts.CallExpression, RequestInfo | undefined>();

  private safeRequest(call: ts.CallExpression, ctx: FileContext, env: Env): RequestInfo | undefined {
    const unbound = env === EMPTY_ENV;
    if (unbound && this.unboundRequests.has(call)) return this.unboundRequests.get(call);
    let info: RequestInfo | undefined;
    try {
      info = this.clients.request(call, ctx, env);
    } catch {
      info = undefined;
    }
    if (unbound) this.unboundRequests.set(call, info);
    return info;
  }

  /**
   * For a request made inside a wrapper: the same request as the analysis of each call further down the chain sees it
   * (each with nothing bound above it), innermost last.
   */
  standalone(r: Request): Array<RequestInfo | undefined> {
    const f = (r as Request & { standalone?: () => Array<RequestInfo | undefined> }).standalone;
    return f ? f() : [];
  }

}

export function isBuilder(n: ts.Node): n is ts.Expression {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) return true;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  if (ts.isCallExpression(n)) {
    const c = skipOuter(n.expression);
    if (ts.isPropertyAccessExpression(c) && STRING_METHODS.has(c.name.text)) return true;
    if (ts.isPropertyAccessExpression(c) && (c.name.text === 'format' || c.name.text === 'join' || c.name.text === 'resolve') &&
      (ts.isIdentifier(c.expression) ? /^(util|path|url|posix)$/.test(c.expression.text)
        : ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'posix' && ts.isIdentifier(c.expression.expression))) return true;
  }
  if (ts.isNewExpression(n) && isNewUrl(n)) return true;
  return false;
}

/** Is this builder an operand of a bigger builder (so the bigger one is evaluated instead)? */
function consumedByBuilder(n: ts.Node): boolean {
  let e: ts.Node = n;
  while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent) || ts.isSatisfiesExpression(e.parent))) e = e.parent;
  const p = e.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  if (ts.isTemplateSpan(p)) return true;
  if (ts.isPropertyAccessExpression(p) && p.expression === e && p.parent && ts.isCallExpression(p.parent) &&
    STRING_METHODS.has(p.name.text)) return true;
  if (ts.isCallExpression(p) && isBuilder(p) && p.arguments.includes(e as ts.Expression)) return true;
  if (ts.isNewExpression(p) && isNewUrl(p)) return true;
  if (ts.isArrayLiteralExpression(p) && p.parent && ts.isPropertyAccessExpression(p.parent) && p.parent.name.text === 'join' && p.parent.parent && ts.isCallExpression(p.parent.parent)) return true;
  return false;
}

function isModuleSpecifier(n: ts.Node): boolean {
  const p = n.parent;
  if (!p) return false;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p) || ts.isImportTypeNode(p)) return true;
  if (ts.isCallExpression(p) && (p.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(p.expression) &&
    /^(require|import|mock|doMock)$/.test(p.expression.text)))) return true;
  if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && /^(mock|doMock|requireActual|resolve)$/.test(p.expression.name.text) &&
    ts.isIdentifier(p.expression.expression) && /^(jest|vi|require)$/.test(p.expression.expression.text)) return true;
  return false;
}

function servesRoutes(ev: Evaluator, r: Ref): boolean {
  const pkg = packageOf(ev, r);
  return pkg !== undefined && SERVER_PACKAGES.has(pkg.module);
}

/** The package a value comes from: itself, or what a call/`new` of it or a member of it returns (`nock(x)`, `new MockAdapter(axios)`). */
function packageOf(ev: Evaluator, r: Ref, depth = 0): Extract<Ref, { kind: 'package' }> | undefined {
  if (depth > 4) return undefined;
  if (r.kind === 'package') return r;
  if (r.kind === 'expr') {
    const e = skipOuter(r.expr);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) return packageOf(ev, ev.deref(e.expression, r.ctx, r.env, true), depth + 1);
  }
  if (r.kind === 'member') return packageOf(ev, r.base, depth + 1);
  return undefined;
}

function leadingText(n: ts.Node): string {
  while (ts.isBinaryExpression(n) || ts.isParenthesizedExpression(n)) n = ts.isBinaryExpression(n) ? n.left : n.expression;
  if (ts.isStringLiteralLike(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text;
  return '';
}

function stringText(n: ts.Node): string {
  return ts.isStringLiteralLike(n) ? n.text : '';
}

// Whole-file use of a route string, keyed by its text (so it survives edits elsewhere in the file): whether the
// file declares its own routes with it, and whether a request of the file sends it. A fact, because the statement
// that writes the string is analysed (and cached) apart from the statements that use it.
defineFact('routeUse', (ctx, text) => {
  const u = RuleRun.routeUseOf(ctx, text);
  return { data: (u.declared ? 'd' : '') + (u.sent ? 's' : '') };
});

function routeUse(ctx: FileContext, text: string): { declared: boolean; sent: boolean } {
  const d = String(ctx.fact('routeUse', text).data);
  return { declared: d.includes('d'), sent: d.includes('s') };
}
