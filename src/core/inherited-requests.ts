// Requests a class makes through the methods it inherits as they are. `class FrontContact extends FrontResource`
// overrides `selfPath()` with `/contacts/{contact_id}` and inherits `delete()`, whose
// `requestJson('DELETE', this.selfPath())` the base class cannot judge on its own (its selfPath is abstract, one
// route per subclass). The route is decided by the subclass's override and the method by the inherited one: the
// request is reported at the override (the innermost place where the URL becomes a contact route), with the
// inherited method as a related location.
//
// Only public methods the subclass neither overrides nor calls itself: a call of its own (`await this.delete()`,
// `this.write(body)` in an override) is reported at that call, like any wrapper call, and so is a request that
// passes through one of the subclass's own methods on the way (`save()` → the subclass's `apply()`).
import { ts, propertyNameText } from './ts';
import type { FileContext } from './files';
import { EMPTY_ENV, type Evaluator, type Ref } from './values';
import type { RuleRun, Request } from './run';
import type { ChainedRequest } from './summaries';

/** Base classes looked at above a subclass, and inherited methods followed per class. */
const MAX_BASES = 5;
const MAX_METHODS = 24;

export interface InheritedRequest {
  req: Request;
  /** Where the subclass makes the URL a contact route: the expression its override returns. */
  at: ts.Node;
  /** The inherited method that sends the request. */
  method: ts.MethodDeclaration;
  methodCtx: FileContext;
}

/** The requests the classes of the run's statements make through inherited methods, with their routes decided here. */
export function inheritedRequests(run: RuleRun): InheritedRequest[] {
  const out: InheritedRequest[] = [];
  for (const n of run.unitNodes()) {
    // the route is written in the class (routeSite): a class that never says `contacts` is not looked into
    if (ts.isClassLike(n) && extendsClause(n) && run.ctx.sf.text.slice(n.pos, n.end).includes('contacts')) out.push(...classRequests(run, n));
  }
  return out;
}

/**
 * Whether a request made through calls from outside a class (`contact.remove()` elsewhere) enters a method that the
 * class inherits as it is while the route is written in that class: then the class reports it at its override, and
 * the call only uses it.
 */
export function reportedAtOverride(ev: Evaluator, req: Request): boolean {
  const entered = req.entered ?? [];
  for (const p of req.url ?? []) {
    if (p.kind !== 'lit' || !p.origin || !p.text.includes('contacts')) continue;
    let cls: ts.Node | undefined = p.origin.node.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !extendsClause(cls as ts.ClassLikeDeclaration)) continue;
    const call = req.reportNode;
    if (req.files[0] === p.origin.ctx && call.pos >= cls.pos && call.end <= cls.end) continue; // a call of the class's own
    const methods = reportedMethods(ev, p.origin.ctx, cls as ts.ClassLikeDeclaration);
    if (entered.some((fn) => methods.some((m) => m.node === fn))) return true;
  }
  return false;
}

/** The inherited methods whose requests a class reports itself: public, neither overridden nor called by the class. */
function reportedMethods(ev: Evaluator, ctx: FileContext, cls: ts.ClassLikeDeclaration): Array<{ name: string; node: ts.MethodDeclaration }> {
  const own = new Set(cls.members.map((m) => propertyNameText(m.name)));
  const calledHere = namesCalledOnThis(cls);
  return inheritedPublicMethods(ev, ctx, cls).filter((m) => !own.has(m.name) && !calledHere.has(m.name)).slice(0, MAX_METHODS);
}

function classRequests(run: RuleRun, cls: ts.ClassLikeDeclaration): InheritedRequest[] {
  const self: Ref = { kind: 'class', ctx: run.ctx, node: cls };
  const out: InheritedRequest[] = [];
  for (const { name, node } of reportedMethods(run.ev, run.ctx, cls)) {
    const m = run.ev.member(self, name); // `this` in it is this class, so `this.selfPath()` is the override
    if (m.kind !== 'function' || m.node !== node || !ts.isMethodDeclaration(m.node)) continue;
    for (const lead of run.summaries.leads(m.node, m.ctx, m.env)) {
      for (const { info, chain } of sent(run, lead, m)) {
        if (chain.some((h) => h.ctx === run.ctx && h.call.pos >= cls.pos && h.call.end <= cls.end)) continue; // through a call of its own
        const at = routeSite(info.url, run.ctx, cls);
        if (!at) continue;
        const files = [run.ctx, m.ctx, ...chain.map((h) => h.ctx)];
        out.push({ req: { ...info, reportNode: lead, viaWrapper: true, files }, at, method: m.node, methodCtx: m.ctx });
      }
    }
  }
  return out;
}

/** What a call in the inherited method's body sends, evaluated with `this` bound to the subclass. */
function sent(run: RuleRun, lead: ts.CallExpression, m: Ref & { kind: 'function' }): ChainedRequest[] {
  try {
    const direct = run.clients.request(lead, m.ctx, m.env);
    if (direct) return [{ info: direct, chain: [] }];
    return run.summaries.decide(lead, m.ctx, m.env, run.summaries.through(lead, m.ctx, m.env), []);
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return [];
  }
}

/**
 * The expression of the subclass that puts `contacts` into the URL: what its override returns (`return
 * expandPath('/contacts/{contact_id}', …)`), or the literal itself when it is not returned. Undefined when no part of
 * the route is written in the class.
 */
function routeSite(url: Request['url'], ctx: FileContext, cls: ts.ClassLikeDeclaration): ts.Node | undefined {
  for (const p of url ?? []) {
    if (p.kind !== 'lit' || !p.origin || p.origin.ctx !== ctx || !p.text.includes('contacts')) continue;
    const lit = p.origin.node;
    if (lit.pos < cls.pos || lit.end > cls.end) continue;
    for (let n: ts.Node = lit; n.parent && n.parent !== cls; n = n.parent) {
      if (ts.isReturnStatement(n.parent) || (ts.isArrowFunction(n.parent) && n.parent.body === n)) return n;
    }
    return lit;
  }
  return undefined;
}

/** The public instance methods (with a body) of the classes `cls` extends, nearest first, one per name. */
function inheritedPublicMethods(ev: Evaluator, ctx: FileContext, cls: ts.ClassLikeDeclaration): Array<{ name: string; node: ts.MethodDeclaration }> {
  const out: Array<{ name: string; node: ts.MethodDeclaration }> = [];
  const seen = new Set<ts.Node>([cls]);
  let cur: { cls: ts.ClassLikeDeclaration; ctx: FileContext } = { cls, ctx };
  for (let i = 0; i < MAX_BASES; i++) {
    const ext = extendsClause(cur.cls);
    if (!ext) break;
    let base: Ref;
    try {
      base = ev.deref(ext.expression, cur.ctx, EMPTY_ENV, true);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      break;
    }
    if (base.kind !== 'class' || seen.has(base.node)) break;
    seen.add(base.node);
    for (const m of base.node.members) {
      if (!ts.isMethodDeclaration(m) || !m.body || !isPublicInstance(m)) continue;
      const name = propertyNameText(m.name);
      if (name && !out.some((x) => x.name === name)) out.push({ name, node: m });
    }
    cur = { cls: base.node, ctx: base.ctx };
  }
  return out;
}

function isPublicInstance(m: ts.MethodDeclaration): boolean {
  if (ts.isPrivateIdentifier(m.name)) return false;
  return !(ts.getModifiers(m) ?? []).some((k) => k.kind === ts.SyntaxKind.PrivateKeyword || k.kind === ts.SyntaxKind.ProtectedKeyword ||
    k.kind === ts.SyntaxKind.StaticKeyword || k.kind === ts.SyntaxKind.AbstractKeyword);
}

function extendsClause(cls: ts.ClassLikeDeclaration): ts.ExpressionWithTypeArguments | undefined {
  return cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
}

/** `this.name(…)` and `super.name(…)` calls in the class's own code. */
function namesCalledOnThis(cls: ts.ClassLikeDeclaration): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const recv = n.expression.expression.kind;
      if (recv === ts.SyntaxKind.ThisKeyword || recv === ts.SyntaxKind.SuperKeyword) out.add(n.expression.name.text);
    }
    ts.forEachChild(n, visit);
  };
  cls.members.forEach(visit);
  return out;
}
