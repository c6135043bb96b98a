// Text that only names a route: a query or cache key (`[`/teams/${teamId}/contacts`, params]` in orval's and
// react-query's hooks), an OpenAPI path template kept for logs and metrics (`pathTemplate: '/teams/{team_id}/contacts'`
// beside the URL a wrapper really sends), a route constant that only goes into a logger. Such a label is never sent,
// so it is reported at most together with its request: when the same file sends its Front requests where we can
// read them, those requests are the findings and the label stays quiet. A label that IS the URL of a request (the wrapper fills in and sends the
// path template) is not a label: the request's URL is made of its text, and it stays a finding.
import { ts, skipOuter } from './ts';
import { FileContext, defineFact } from './files';
import { RuleRun } from './run';
import type { Part } from './values';
import { pathView, goesToFront, valueFrontness } from './url';

/** Object keys that label a request rather than address it (never `url`, `path`, `uri`, `endpoint`, `route`). */
const LABEL_KEYS = /^(pathTemplate|path_template|routeTemplate|routePattern|routeName|operationPath|template|spanName|metricName|queryKey|swrKey|mutationKey|cacheKey|key)$/;
/** Methods of loggers, metrics and tracing clients. */
const LOG_METHODS = new Set([
  'log', 'info', 'debug', 'warn', 'warning', 'error', 'trace', 'fatal', 'verbose', 'silly', 'notice',
  'timing', 'histogram', 'increment', 'decrement', 'gauge', 'distribution', 'observe', 'record',
  'setAttribute', 'setAttributes', 'setTag', 'setTags', 'addBreadcrumb', 'captureMessage', 'addEvent', 'startSpan', 'startActiveSpan',
]);
/** What a logger, a metrics or a tracing client is called (the receiver of a LOG_METHODS call). */
const LOG_RECEIVER = /^(console|_?log|_?logger|pino|winston|bunyan|signale|debug|metrics?|statsd|dogstatsd|stats|tracer|span|activeSpan|sentry|Sentry|telemetry|otel|datadog|analytics|instrumentation)$/i;
/**
 * Query-cache calls of react-query: an array given to them is a cache key. Not swr's `useSWR(key, fetcher)`, whose
 * fetcher receives the key and often sends it.
 */
const CACHE_CALLS = /^(use(Query|Queries|InfiniteQuery|SuspenseQuery|SuspenseInfiniteQuery)|invalidateQueries|refetchQueries|removeQueries|resetQueries|cancelQueries|setQueryData|getQueryData|prefetchQuery|fetchQuery|ensureQueryData)$/;

type Sink = 'label' | 'other';

/**
 * Whether the root only labels a route (see the file comment). `run`'s requests decide for a call of this statement
 * that sends: the root is a label of that request unless its URL is made of the root's text.
 */
export function onlyNamesRoute(run: RuleRun, root: ts.Expression): boolean {
  return sinkOf(root, run.ctx, run, root) === 'label';
}

/**
 * Whether the file sends requests to Front we can read (then a label of a route is not the only trace of its request,
 * and stays quiet; after the request is fixed to /contacts, too, so a fix leaves no new finding behind).
 */
export function fileSendsFrontRequest(ctx: FileContext): boolean {
  return ctx.fact('sendsFrontRequest').data === true;
}

function sinkOf(node: ts.Node, ctx: FileContext, run: RuleRun | undefined, root: ts.Node): Sink {
  let e: ts.Node = node;
  let labelKey = false;
  for (let p = e.parent; p; e = p, p = p.parent) {
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) ||
      ts.isTypeAssertionExpression(p) || ts.isObjectLiteralExpression(p) || ts.isSpreadElement(p)) continue;
    if (ts.isConditionalExpression(p)) {
      if (p.condition === e) return 'other';
      continue;
    }
    if (ts.isArrayLiteralExpression(p)) return keyArray(p, ctx, run) ? 'label' : 'other';
    if (ts.isPropertyAssignment(p)) {
      // an operation map's key: `{ '/teams/{team_id}/contacts': listTeamContacts }`
      if (p.name === e) return 'label';
      if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) labelKey = LABEL_KEYS.test(p.name.text);
      continue;
    }
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => a === e)) {
      if (ts.isCallExpression(p)) {
        if (isLogCall(p)) return 'label';
        // a request of this statement: a label of it unless its URL is made of the root's text
        const req = run?.requests().find((r) => r.reportNode === p);
        if (req) return sends(req.url, root, ctx) ? 'other' : 'label';
      }
      return labelKey ? 'label' : 'other';
    }
    if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) {
      const list = p.parent;
      if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return 'other';
      const st = list.parent;
      if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return 'other';
      return ctx.fact('labelOnlyConst', p.name.text).data === true ? 'label' : 'other';
    }
    return labelKey ? 'label' : 'other';
  }
  return 'other';
}

/** An array that is a cache key: returned by a `get…Key` function, a `queryKey`-like property, or given to a query-cache call. */
function keyArray(arr: ts.ArrayLiteralExpression, ctx: FileContext, run: RuleRun | undefined): boolean {
  let e: ts.Node = arr;
  let p = e.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) {
    e = p;
    p = p.parent;
  }
  if (!p) return false;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e)) {
    const fn = ts.isArrowFunction(p) ? p : ts.findAncestor(p, ts.isFunctionLike);
    const name = fn && functionName(fn);
    return name !== undefined && /Key$/.test(name);
  }
  if (ts.isPropertyAssignment(p) && p.initializer === e && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return LABEL_KEYS.test(p.name.text);
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return /Key$/.test(p.name.text);
  if (ts.isCallExpression(p) && p.arguments.some((a) => a === e)) {
    const callee = skipOuter(p.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return CACHE_CALLS.test(name) || sinkOf(p, ctx, run, arr) === 'label';
  }
  return false;
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  let h: ts.Node | undefined = fn.parent;
  while (h && (ts.isParenthesizedExpression(h) || ts.isAsExpression(h))) h = h.parent;
  if (h && (ts.isVariableDeclaration(h) || ts.isPropertyAssignment(h)) && ts.isIdentifier(h.name)) return h.name.text;
  return undefined;
}

/** `logger.info(…)`, `this.logger.warn(…)`, `console.log(…)`, `metrics.histogram(…)`, `span.setAttribute(…)`, `debug(…)`. */
function isLogCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee)) return /^(debug|log)$/.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text)) return false;
  let recv = skipOuter(callee.expression);
  // `logger.child({…}).info(…)`
  if (ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === 'child') recv = skipOuter(recv.expression.expression);
  const name = ts.isIdentifier(recv) ? recv.text : ts.isPropertyAccessExpression(recv) ? recv.name.text : '';
  return LOG_RECEIVER.test(name);
}

/** Whether the URL is made of `root`: text written inside it, or a value it evaluates (`BASE + ROUTES.x.replace(…)`). */
function sends(url: readonly Part[] | undefined, root: ts.Node, ctx: FileContext): boolean {
  const within = (n: ts.Node | undefined): boolean => n !== undefined && n.getSourceFile() === ctx.sf && n.pos >= root.pos && n.end <= root.end;
  return (url ?? []).some((p) => within(p.anchor) || (p.kind === 'lit' ? within(p.origin?.node) : within(p.node)));
}

// Whole-file facts: a constant is read across statements, and a request elsewhere in the file decides for a label.

/** Constants whose uses are being classified (`const a = b; const b = a` must not recurse for ever). */
const classifying = new Set<string>();

defineFact('labelOnlyConst', (ctx, name) => {
  const key = `${ctx.fileName}\0${name}`;
  if (classifying.has(key)) return { data: false };
  classifying.add(key);
  try {
    return { data: constUsesAreLabels(ctx, name) };
  } finally {
    classifying.delete(key);
  }
});

function constUsesAreLabels(ctx: FileContext, name: string): boolean {
  let uses = 0;
  for (const n of ctx.nodes()) {
    if (!ts.isIdentifier(n) || n.text !== name) continue;
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && p.name === n) continue;
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)) continue;
    uses++;
    if (uses > 16 || sinkOf(n, ctx, undefined, n) !== 'label') return false;
  }
  return uses > 0;
}

defineFact('sendsFrontRequest', (ctx) => {
  const run = new RuleRun(ctx, {}, new Map());
  return {
    data: run.requests().some((r) => {
      if (!r.url) return false;
      const base = r.base ? valueFrontness(pathView(r.base), []) : undefined;
      return goesToFront(pathView(r.url), ctx, [], base, r.files);
    }),
  };
});
