// What a parameter receives at the call sites of its function: the client a handler factory, a resource class or
// a service is given by its caller (`createHandlers(frontHttp)`, `new Contacts(this)`,
// `new ContactsService(new FrontClient(token))`), often configured in another file. Call sites are looked for in
// the function's own file and in the project files that import it (the host's reverse import index), by name, and
// kept only when the callee really resolves to the function.
import { ts } from './ts';
import type { FileContext } from './files';
import { Evaluator, EMPTY_ENV, Ref } from './values';

/** Call sites looked at per function: a helper called from everywhere is not a configuration we can pin down. */
const MAX_SITES = 8;

export type ParamRef = Ref & { kind: 'param' };

/**
 * The values a parameter gets at the call sites of its function (with the parameter's property path applied),
 * in the order found: same file first, then importers. Empty when no call site can be found.
 */
export function callerValues(ev: Evaluator, p: ParamRef): Ref[] {
  const decl = p.decl;
  const ctx = p.ctx;
  if (!decl || !ctx) return [];
  const fn = decl.parent;
  if (!ts.isFunctionLike(fn) || decl.dotDotDotToken) return [];
  const index = fn.parameters.indexOf(decl as ts.ParameterDeclaration);
  const names = calleeNames(fn);
  if (index < 0 || !names.length) return [];
  const isCtor = ts.isConstructorDeclaration(fn);
  const out: Ref[] = [];
  let seen = 0;
  const files = [ctx];
  for (const file of files) {
    for (const name of file === ctx ? names : [...names, ...importAliases(file, names)]) {
      for (const site of file.callSites(name)) {
        if (seen >= MAX_SITES) return out;
        if (isCtor !== ts.isNewExpression(site)) continue;
        const arg = site.arguments?.[index];
        if (!arg || ts.isSpreadElement(arg)) continue;
        if (!callsFunction(ev, site, file, fn)) continue;
        seen++;
        const v = p.path.reduce<Ref>((acc, k) => ev.member(acc, k), ev.deref(arg, file, EMPTY_ENV, true));
        out.push(v);
      }
    }
    // importers only after the own file, and only once
    if (file === ctx) files.push(...ctx.project.importersOf(ctx, (text) => names.some((n) => text.includes(n))));
  }
  return out;
}

/**
 * The local names an importer gives the function (`import { createHandlers as createFrontHandlers } from
 * './front/handlers'`): a server wiring several vendors' handler factories renames each one on import.
 */
function importAliases(file: FileContext, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const st of file.sf.statements) {
    if (!ts.isImportDeclaration(st)) continue;
    const bindings = st.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const el of bindings.elements) {
      if (el.propertyName && names.includes(el.propertyName.text) && el.name.text !== el.propertyName.text) out.push(el.name.text);
    }
  }
  return out;
}

/** Whether the site's callee is `fn` (a function, a method, or the class whose constructor `fn` is). */
function callsFunction(ev: Evaluator, site: ts.CallExpression | ts.NewExpression, ctx: FileContext, fn: ts.SignatureDeclaration): boolean {
  try {
    const callee = ev.deref(site.expression, ctx, EMPTY_ENV);
    if (ts.isConstructorDeclaration(fn)) return callee.kind === 'class' && callee.node === fn.parent;
    return callee.kind === 'function' && callee.node === fn;
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return false;
  }
}

/** The names a function is called by: its own, its variable's or property's, its class's for a constructor. */
function calleeNames(fn: ts.SignatureDeclaration): string[] {
  if (ts.isConstructorDeclaration(fn)) {
    const cls = fn.parent;
    if (cls.name) return [cls.name.text];
    const holder = skipParens(cls).parent;
    return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? [holder.name.text] : [];
  }
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name)))
    return [fn.name.text];
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) {
    const holder = skipParens(fn).parent;
    if (!holder) return [];
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return [holder.name.text];
    if ((ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) return [holder.name.text];
    // exports.createHandlers = function (http) {…}
    if (ts.isBinaryExpression(holder) && ts.isPropertyAccessExpression(holder.left)) return [holder.left.name.text];
  }
  return [];
}

function skipParens(n: ts.Node): ts.Node {
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  return n;
}

/** Whether an expression is a bare reference to a parameter (for messages). */
export function isParamRef(r: Ref): r is ParamRef {
  return r.kind === 'param' && r.decl !== undefined;
}
