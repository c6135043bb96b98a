// team-contacts-endpoint: any expression that builds `/teams/<team>/contacts` for Front.
// Fix: delete the characters that produced `/teams/<team>` so the expression builds `/contacts`.
import { ts } from '../ts';
import type { Rule } from './rule';
import type { RuleRun, Request } from '../run';
import { declarativeDeletion, type DeclarativeUrl } from '../clients/n8n-declarative';
import { pathView, matchTeamContacts, goesToFront, deletionEdits, valueFrontness } from '../url';
import { charIndex, LitPart, Part } from '../values';
import type { FileContext } from '../files';
import { goesToOwnOrigin } from '../clients';
import { fileSendsFrontRequest, onlyNamesRoute } from '../route-labels';
import { teamContactsMessage } from './messages';
import { shortText } from './suggestions';
import { applyEdits } from '../edits';
import type { TextEdit } from '../types';

const MESSAGE = teamContactsMessage();

export const teamContactsEndpoint: Rule = {
  id: 'team-contacts-endpoint',
  mightApply: () => true, // the URL may come entirely from imported modules
  check(run: RuleRun) {
    const { ctx } = run;
    const requestBase = new Map<ts.Node, Part[]>();
    const ownOrigin = new Set<ts.Node>();
    for (const r of run.requests()) {
      if (r.viaWrapper) continue;
      const args = requestArguments(r);
      if (r.base) for (const a of args) requestBase.set(a, r.url ?? []);
      // fetch('/teams/1/contacts') in a page: the app's own API, not Front
      if (goesToOwnOrigin(r)) for (const a of args) ownOrigin.add(a);
    }
    for (const root of run.roots()) {
      try {
        checkRoot(root);
      } catch (e) {
        // one pathological expression (nested too deeply) must not hide the file's other findings
        if (!(e instanceof RangeError)) throw e;
      }
    }
    // n8n declarative `url: '=/teams/{{$parameter.teamId}}/contacts'`: an expression, read by its model (a plain
    // `url: '/teams/…'` is a root like any string, with its node's base URL from requestBase)
    for (const r of run.requests()) if (r.declarative?.expression) checkDeclarative(r, r.declarative);
    function checkDeclarative(r: Request, d: DeclarativeUrl): void {
      const m = matchTeamContacts(pathView(d.path, run.frontBaseUrls));
      if (!m) return;
      const base = r.base ? valueFrontness(pathView(r.base, run.frontBaseUrls), run.frontBaseUrls) : undefined;
      if (!goesToFront(pathView(r.url ?? d.path, run.frontBaseUrls), ctx, run.frontBaseUrls, base, r.files)) return;
      const fix = declarativeDeletion(d, ctx, m.delStart, m.delEnd);
      const fixTitle = fix?.length ? replaceTitle(ctx.sf.text, fix) : undefined;
      run.report({ ruleId: 'team-contacts-endpoint', node: d.node, message: MESSAGE, fix, fixTitle });
    }
    function checkRoot(root: (ReturnType<RuleRun['roots']>)[number]): void {
      const pv = pathView(root.parts, run.frontBaseUrls);
      const m = matchTeamContacts(pv);
      if (!m || ownOrigin.has(root.node)) return;
      // Front traffic only: the value's own host, then the client's base URL, then the file's evidence.
      const full = requestBase.get(root.node);
      const clientFrontness = full ? valueFrontness(pathView(full, run.frontBaseUrls), run.frontBaseUrls) : undefined;
      if (!goesToFront(pv, ctx, run.frontBaseUrls, clientFrontness)) return;

      const idx = charIndex(root.parts);
      // Where the route's own words are written (`/teams/` and `/contacts`); the team id may come from anywhere.
      const segmentStart = m.start + pv.flat.slice(m.start).indexOf('teams/') + 'teams/'.length;
      const litsInMatch = new Set<LitPart>();
      for (let i = m.start; i < m.end; i++) {
        if (i >= segmentStart && i < m.delEnd) continue;
        const p = root.parts[idx[i][0]];
        if (p.kind === 'lit') litsInMatch.add(p);
      }
      // Written in full in one other expression (a constant): that expression reports it, once.
      if (writtenElsewhere(run, root.node, [...litsInMatch])) return;

      // The `teams` text must be written here for an automatic fix; otherwise point at where it is.
      const teamsAt = root.parts.length ? m.start + pv.flat.slice(m.start).indexOf('teams') : m.start;
      const teamsPart = root.parts[idx[teamsAt][0]];
      // The app's own route table (`teamContacts: '/teams/:teamId/contacts'`, `app.get(ROUTES.teamContacts, …)`):
      // only a request of this file that sends it makes it Front's.
      const teamsLit = teamsPart.kind === 'lit' ? teamsPart.origin : undefined;
      if (teamsLit && run.isOwnRouteShaped(teamsLit.node, teamsLit.ctx) && !run.sendsRoute(ctx, (teamsLit.node as ts.StringLiteral).text)) return;
      // A label of the route (a query key, a path template for metrics, a log constant): its request is the finding.
      if (onlyNamesRoute(run, root.node) && fileSendsFrontRequest(ctx)) return;
      const related = [...litsInMatch]
        .filter((p) => p.indirect && p.origin)
        .map((p) => ({ node: p.origin!.node, ctx: p.origin!.ctx, message: 'part of the team contacts URL is written here' }));
      // Delete `/teams/<id>` (leaving `/contacts`), or equally `teams/<id>/` when the leading slash is written
      // elsewhere (`new URL('teams/x/contacts', 'https://api2.frontapp.com/')`).
      let fix = teamsPart.indirect ? undefined : deletionEdits(root.node, ctx, root.parts, m.delStart, m.delEnd);
      if (!fix && !teamsPart.indirect && pv.flat[m.delStart] === '/' && pv.flat[m.delEnd] === '/')
        fix = deletionEdits(root.node, ctx, root.parts, m.delStart + 1, m.delEnd + 1);
      const fixTitle = fix?.length ? replaceTitle(ctx.sf.text, fix) : undefined;
      run.report({ ruleId: 'team-contacts-endpoint', node: root.node, message: MESSAGE, related: dedupeRelated(related), fix, fixTitle });
    }
  },
};

/** The expressions a request's URL is written in: a call's arguments, a declarative node's `url`. */
function requestArguments(r: Request): readonly ts.Node[] {
  if (r.declarative) return [r.declarative.node];
  return ts.isCallExpression(r.call) ? r.call.arguments : [];
}

/**
 * "Replace `/teams/${teamId}/contacts` with `/contacts`": the text from the first deleted character to the
 * `/contacts` that follows the last one, before and after the fix.
 */
function replaceTitle(text: string, edits: readonly TextEdit[]): string {
  const start = Math.min(...edits.map((e) => e.start));
  let end = Math.max(...edits.map((e) => e.end));
  // a deleted operand of `+` takes its operator with it (`FRONT + '/teams/' + id + '/contacts'`): not part of the label
  const trimOperators = (s: string) => s.replace(/^\s*\+\s*/, '').replace(/\s*\+\s*$/, '');
  const quoted = /^['"`]/.test(trimOperators(text.slice(start, end)));
  const rest = /^(\s*\+\s*)?(['"`]?\/?contacts)(['"`]?)/.exec(text.slice(end, end + 16));
  if (rest) end += (rest[1]?.length ?? 0) + rest[2].length + (quoted ? rest[3].length : 0);
  const whole = text.slice(start, end);
  const before = trimOperators(whole);
  const after = trimOperators(applyEdits(whole, edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }))));
  if (!after) return `Remove \`${shortText(before)}\``;
  if (quotesPaired(before) && quotesPaired(after)) return `Replace \`${shortText(before)}\` with \`${shortText(after)}\``;
  // the span starts inside one string and ends inside another (`'https://…/teams/' + teamId + '/contacts'`):
  // name it as the URL reads, `/teams/${teamId}/contacts`
  const joined = before.replace(/(['"])\s*\+\s*([^'"+]+?)\s*\+\s*\1/g, (_, _q, e: string) => `\${${e.trim()}}`);
  return `Replace \`${shortText(/['"`]/.test(joined) ? '/teams/:team_id/contacts' : joined)}\` with \`/contacts\``;
}

/** No quote in the text, or it starts and ends with one: the text is whole tokens, not parts of strings. */
function quotesPaired(text: string): boolean {
  return !/['"`]/.test(text) || (/^['"`]/.test(text) && /['"`]$/.test(text));
}

function writtenElsewhere(run: RuleRun, root: ts.Node, lits: LitPart[]): boolean {
  if (lits.length === 0 || lits.some((p) => !p.indirect || !p.origin)) return false;
  const owners = new Set<ts.Node>();
  let ownerCtx: FileContext | undefined;
  for (const p of lits) {
    const o = run.rootOf(p.origin!.node);
    if (!o) return false;
    owners.add(o);
    ownerCtx = p.origin!.ctx;
  }
  if (owners.size !== 1 || !ownerCtx) return false;
  const owner = [...owners][0];
  if (owner === root) return false;
  // An own-route constant of another file stays quiet there (no request of that file sends it): report the use.
  if (ownerCtx !== run.ctx && run.isOwnRouteShaped(owner, ownerCtx) && !run.sendsRoute(ownerCtx, (owner as ts.StringLiteral).text)) return false;
  // The owner matches on its own (all the matched text is inside it).
  // …and reports there: the owner's file must itself be seen as Front code (a bare routes module is not).
  return lits.every((p) => p.origin!.ctx === ownerCtx) && ownerMatches(run, owner as ts.Expression, ownerCtx) &&
    (ownerCtx === run.ctx || ownerCtx.hasFrontEvidence());
}

function ownerMatches(run: RuleRun, owner: ts.Expression, ctx: FileContext): boolean {
  const parts = run.ev.evaluateString(owner, ctx);
  return matchTeamContacts(pathView(parts, run.frontBaseUrls)) !== undefined;
}

function dedupeRelated<T extends { node: ts.Node }>(xs: T[]): T[] {
  const seen = new Set<ts.Node>();
  return xs.filter((x) => (seen.has(x.node) ? false : (seen.add(x.node), true)));
}
