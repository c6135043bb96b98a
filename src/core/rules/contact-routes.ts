// Shared by the two redirect rules: which requests hit `/contacts/:contact_id[/…]` on Front.
import type { RuleRun, Request } from '../run';
import { pathView, matchContactRoute, goesToFront, valueFrontness } from '../url';
import { goesToOwnOrigin, type RequestInfo } from '../clients';
import type { FileContext } from '../files';
import type { ts } from '../ts';

export interface ContactRequest {
  req: Request;
  sub: string;
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
      // Report at the wrapper's call site only when this call's arguments are what make it a contact route
      // (otherwise the request inside the wrapper is reported where it is written).
      const unbound = run.unbound(req);
      if (unbound && contactRoute(run, unbound, req.files.slice(1)) && sameVerdict(unbound, req)) continue;
    }
    out.push({ req, sub: hit.sub });
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
