// Shared by the redirect rules: which requests hit `/contacts/:contact_id[/…]` on Front, their host, and what a
// followed 301 does to them.
import type { RuleRun, Request } from '../run';
import { pathView, matchContactRoute, goesToFront, valueFrontness } from '../url';
import { goesToOwnOrigin, type RequestInfo } from '../clients';
import type { FileContext } from '../files';
import type { ts } from '../ts';
import { inheritedRequests, reportedAtOverride } from '../inherited-requests';
import { hostOf } from '../prefilter';

export interface ContactRequest {
  req: Request;
  sub: string;
  /** Where it is reported: the request's call, or the override that decides an inherited method's route. */
  node: ts.Node;
  related: Array<{ node: ts.Node; ctx: FileContext; message: string }>;
}

const cache = new WeakMap<RuleRun, ContactRequest[]>();

export function contactRequests(run: RuleRun): ContactRequest[] {
  let out = cache.get(run);
  if (out) return out;
  out = [];
  for (const req of run.requests()) {
    const hit = contactRoute(run, req, req.files);
    if (!hit) continue;
    if (req.viaWrapper) {
      // Report at the wrapper's call site only when no call further down is already the same request on its own
      // (then it is reported there: where the route and the method are decided).
      const levels = run.standalone(req);
      if (levels.some((u, k) => u && contactRoute(run, u, req.files.slice(k + 1)) && sameVerdict(u, req))) continue;
      // a method a subclass inherits as it is, on the subclass's route: reported at the subclass's override
      if (reportedAtOverride(run.ev, req)) continue;
    }
    out.push({ req, sub: hit.sub, node: req.reportNode, related: requestChain(req) });
  }
  // a subclass's route sent by a method it inherits (inherited-requests.ts): once per route site and method
  for (const x of inheritedRequests(run)) {
    const hit = contactRoute(run, x.req, x.req.files);
    if (!hit) continue;
    const via = { node: x.method.name, ctx: x.methodCtx, message: `inherited ${x.method.name.getText(x.methodCtx.sf)}() sends it as ${x.req.method ?? 'a request'}` };
    const same = out.find((c) => c.node === x.at && c.req.method === x.req.method && c.req.follows === x.req.follows);
    if (same) same.related.unshift(via);
    else out.push({ req: x.req, sub: hit.sub, node: x.at, related: [via, ...requestChain(x.req)] });
  }
  cache.set(run, out);
  return out;
}

function contactRoute(run: RuleRun, req: RequestInfo, through: readonly FileContext[] = []): { sub: string } | undefined {
  if (!req.url || goesToOwnOrigin(req)) return undefined;
  const pv = pathView(req.url, run.frontBaseUrls);
  const m = matchContactRoute(pv);
  if (!m) return undefined;
  const base = req.base ? valueFrontness(pathView(req.base, run.frontBaseUrls), run.frontBaseUrls) : undefined;
  if (!goesToFront(pv, req.ctx, run.frontBaseUrls, base, through)) return undefined;
  return { sub: m.sub };
}

function sameVerdict(a: RequestInfo, b: RequestInfo): boolean {
  return a.follows === b.follows && a.method === b.method;
}

export function describeRoute(sub: string): string {
  return `/contacts/:contact_id${sub}`;
}

/**
 * Where a reported request really goes out, for related locations: the client call inside the wrapper the report
 * is on, and the option (or instance configuration, possibly in another file) that turns following off.
 */
export function requestChain(req: Request): Array<{ node: ts.Node; ctx: FileContext; message: string }> {
  const out: Array<{ node: ts.Node; ctx: FileContext; message: string }> = [];
  if (req.viaWrapper || req.ctx !== req.files[0]) out.push({ node: req.call, ctx: req.ctx, message: `the request is sent here (${req.client})` });
  const off = req.disabledBy;
  const inside = off && off.ctx === req.files[0] && off.node.pos >= req.reportNode.pos && off.node.end <= req.reportNode.end;
  if (off && !inside) out.push({ node: off.node, ctx: off.ctx, message: `${off.text.replace(/\s+/g, ' ')} turns redirect following off here` });
  return out;
}

/** The host in Front's Location for a migrated contact (`Location: https://api.frontapp.com/contacts/crd_xxx`). */
export const LOCATION_HOST = 'api.frontapp.com';

/**
 * Whether a followed 301 re-sends this request as a GET (contact-redirect-method-change); `host` is the request's
 * literal host, if known. got ≥ 15 rewrites POST only when the redirect changes origin.
 */
export function followedAsGet(req: RequestInfo, host: string | undefined): boolean {
  const m = req.method;
  if (m === 'POST') return req.rewritesPost && !(req.postRewriteCrossOriginOnly && host === LOCATION_HOST);
  if (m === 'PATCH' || m === 'PUT' || m === 'DELETE') return req.rewritesAllMethods;
  return false;
}

/** The request's host as written (`api2.frontapp.com`, `\uE000.api.frontapp.com`), without port; undefined when unknown. */
export function requestHost(run: RuleRun, req: RequestInfo): string | undefined {
  if (!req.url) return undefined;
  const host = pathView(req.url, run.frontBaseUrls).host;
  return host?.replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
}

// Front's own API hosts other than the Location's: api2.frontapp.com and <company>.api.frontapp.com (a company
// that is a hole, `${tenant}.api.frontapp.com`, is still a company host).
const OTHER_FRONT_HOST = /^(api2|[a-z0-9-]+\.api|\uE000\.api)\.frontapp\.com$/;

/**
 * Whether a followed 301 leaves the request's host for api.frontapp.com: a Front host other than it, or a
 * configured proxy that passes Front's Location on (`passThroughProxies`). Undefined when the host is unknown
 * (an env/config base we cannot read, `https://${host}/…`): then nobody can say.
 */
export function redirectLeavesHost(run: RuleRun, req: RequestInfo): { host: string; proxy: boolean } | undefined {
  const host = requestHost(run, req);
  if (!host) return undefined;
  if (OTHER_FRONT_HOST.test(host)) return { host, proxy: false };
  const proxies = run.options.passThroughProxies ?? [];
  if (host !== LOCATION_HOST && proxies.some((u) => hostOf(u)?.toLowerCase() === host)) return { host, proxy: true };
  return undefined;
}
