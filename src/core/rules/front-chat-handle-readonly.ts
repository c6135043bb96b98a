// front-chat-handle-readonly: creating a `front_chat` handle through the Core API. Those handles are reserved:
// only chats received by Front create them, and the API rejects the write.
import { ts, skipOuter, propertyNameText } from '../ts';
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import type { FileContext } from '../files';
import { EMPTY_ENV, Env, flatten } from '../values';
import { pathView, goesToFront } from '../url';
import { frontChatHandleReadonlyMessage } from './messages';

const MESSAGE = frontChatHandleReadonlyMessage();

// POST /contacts/:id/handles, POST /contacts (with handles), and the deprecated POST /teams/:id/contacts
const HANDLE_WRITE = /^\/?(contacts\/[^/?#]+\/handles|contacts|teams\/[^/?#]+\/contacts)\/?(?=$|[?#])/;

export const frontChatHandleReadonly: Rule = {
  id: 'front-chat-handle-readonly',
  mightApply: (text) => /front_chat/i.test(text),
  check(run: RuleRun) {
    const { ctx, ev } = run;
    const reported = new Set<ts.Node>();
    const report = (prop: ts.Node, call: ts.Node, pctx: FileContext): void => {
      const node = pctx === ctx ? prop : call;
      if (reported.has(node)) return;
      reported.add(node);
      run.report({ ruleId: 'front-chat-handle-readonly', node, message: MESSAGE });
    };
    const isWriteRoute = (parts: ReturnType<typeof ev.evaluateString>, c: FileContext): boolean => {
      const pv = pathView(parts, run.frontBaseUrls);
      return HANDLE_WRITE.test(pv.flat.slice(pv.pathStart)) && goesToFront(pv, c, run.frontBaseUrls);
    };
    const handled = new Set<ts.Node>();
    for (const r of run.requests()) {
      if (!r.url || !isWriteRoute(r.url, r.ctx)) continue;
      if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'DELETE') continue;
      handled.add(r.reportNode);
      // a declarative n8n request's body is its node's parameters, not code we can read
      if (!ts.isCallExpression(r.call) || !ts.isCallExpression(r.reportNode)) continue;
      const bodies: Array<[ts.Expression, FileContext, Env]> = r.call.arguments.map((a) => [a, r.ctx, EMPTY_ENV] as [ts.Expression, FileContext, Env]);
      for (const a of chainedSendArgs(r.call)) bodies.push([a, r.ctx, EMPTY_ENV]);
      if (r.viaWrapper) for (const a of r.reportNode.arguments) bodies.push([a, ctx, EMPTY_ENV]);
      for (const [b, bctx, benv] of bodies) {
        const hit = findFrontChatSource(run, b, bctx, benv, 0);
        if (hit) report(hit.node, r.reportNode, hit.ctx);
      }
    }
    // Calls of clients we do not model (a vendor SDK instance): a Front handle route and a front_chat source.
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && !handled.has(n) && n.arguments.length >= 2) {
        const routeArg = n.arguments.findIndex((a) => isWriteRoute(ev.evaluateString(a, ctx), ctx));
        if (routeArg >= 0) {
          for (const a of n.arguments.slice(routeArg + 1)) {
            const hit = findFrontChatSource(run, a, ctx, EMPTY_ENV, 0);
            if (hit) report(hit.node, n, hit.ctx);
          }
        }
      }
    };
    for (const n of run.unitNodes()) visit(n);
  },
};

function chainedSendArgs(call: ts.CallExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (let n: ts.Node = call; ; ) {
    const p = n.parent;
    if (!p || !ts.isPropertyAccessExpression(p) || p.expression !== n || !p.parent || !ts.isCallExpression(p.parent)) break;
    if (p.name.text === 'send') out.push(...p.parent.arguments);
    n = p.parent;
  }
  return out;
}

/** A `source: 'front_chat'` property anywhere in a request body (objects, arrays, JSON.stringify, names). */
function findFrontChatSource(run: RuleRun, e: ts.Expression, ctx: FileContext, env: Env, depth: number): { node: ts.Node; ctx: FileContext } | undefined {
  if (depth > 6) return undefined;
  const r = run.ev.deref(e, ctx, env);
  if (r.kind !== 'expr') return undefined;
  const x = skipOuter(r.expr);
  if (ts.isObjectLiteralExpression(x)) {
    for (const p of x.properties) {
      if (ts.isSpreadAssignment(p)) {
        const hit = findFrontChatSource(run, p.expression, r.ctx, r.env, depth + 1);
        if (hit) return hit;
        continue;
      }
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      if (!value) continue;
      if (propertyNameText(p.name) === 'source') {
        const parts = run.ev.evaluateString(value, r.ctx, r.env);
        if (parts.every((q) => q.kind === 'lit') && flatten(parts) === 'front_chat') return { node: p, ctx: r.ctx };
        continue;
      }
      const hit = findFrontChatSource(run, value, r.ctx, r.env, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(x)) {
    for (const el of x.elements) {
      const hit = findFrontChatSource(run, ts.isSpreadElement(el) ? el.expression : el, r.ctx, r.env, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'stringify' && x.arguments[0]) {
    return findFrontChatSource(run, x.arguments[0], r.ctx, r.env, depth + 1);
  }
  return undefined;
}
