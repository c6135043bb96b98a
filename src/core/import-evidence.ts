// Which imports make a file Front evidence. A file that imports a module naming Front's Core API usually is Front
// code (`import { FRONT_API_TOKEN, baseUrl } from './front-config'`), but a shared settings module names every
// integration's secrets side by side: code that reads only `config.apiUrl` from it talks to the app's own API,
// however close `config.frontApiToken` sits. So an import counts only through what the file takes from it.
import { ts, skipOuter, propertyNameText } from './ts';
import type { FileContext } from './files';

interface Binding {
  local: string;
  /** `default`, `*` or the exported name. */
  imported: string;
}

/**
 * Whether what `ctx` uses of `from` (imported as `spec`, and naming Front's API somewhere) is Front's: a used
 * binding whose declaring statement names it, or, for an object literal read property by property, a used
 * property whose name or value names it. Imports this cannot follow (side effects, re-exports, require) count.
 */
export function usesFrontFrom(ctx: FileContext, spec: string, from: FileContext): boolean {
  const bindings = importBindings(ctx.sf, spec);
  if (!bindings) return true;
  const byLocal = new Map(bindings.map((b) => [b.local, b]));
  for (const n of ctx.nodes()) {
    if (!ts.isIdentifier(n) || !byLocal.has(n.text) || isDeclarationName(n)) continue;
    const decl = ctx.lookup(n.text, n);
    if (!decl || decl.kind !== 'import' || decl.module !== spec) continue;
    if (referenceNamesFront(byLocal.get(n.text)!, n, from)) return true;
  }
  return false;
}

function importBindings(sf: ts.SourceFile, spec: string): Binding[] | undefined {
  const out: Binding[] = [];
  let seen = false;
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === spec) return undefined;
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== spec) continue;
    seen = true;
    const ic = st.importClause;
    if (!ic) return undefined; // `import './setup'`: runs for its effects
    if (ic.isTypeOnly) continue;
    if (ic.name) out.push({ local: ic.name.text, imported: 'default' });
    const nb = ic.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) out.push({ local: nb.name.text, imported: '*' });
    else if (nb) for (const el of nb.elements) if (!el.isTypeOnly) out.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text });
  }
  return seen ? out : undefined; // only through require(): not followed here
}

function isDeclarationName(n: ts.Identifier): boolean {
  const p = n.parent;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return true;
  if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)) return true;
  return false;
}

function referenceNamesFront(b: Binding, ref: ts.Identifier, from: FileContext): boolean {
  const p = ref.parent;
  const prop = ts.isPropertyAccessExpression(p) && p.expression === ref ? p.name.text
    : ts.isElementAccessExpression(p) && p.expression === ref && ts.isStringLiteralLike(p.argumentExpression) ? p.argumentExpression.text
      : undefined;
  if (prop !== undefined && from.namesFrontApi(prop)) return true; // `config.frontApiToken`
  const name = b.imported === '*' ? prop : b.imported;
  if (name === undefined) return true; // the whole namespace handed on
  const t = from.exportTarget(name);
  if (!t) return true;
  if (t.kind === 'expr' && b.imported !== '*' && prop !== undefined && t.path.length === 0) {
    const obj = skipOuter(t.expr);
    if (ts.isObjectLiteralExpression(obj)) {
      const member = obj.properties.find((m) => !ts.isSpreadAssignment(m) && propertyNameText(m.name) === prop);
      const spread = obj.properties.some((m) => ts.isSpreadAssignment(m));
      if (member) return t.ctx.subtreeNamesFrontApi(member);
      if (!spread) return false; // a setting the object does not have
    }
  }
  // A function, class or client instance of a module that names Front works with the rest of that module (its
  // base URL, its token): the module's evidence. A plain value (`export const API_URL = …`) only by its own statement.
  if (t.kind !== 'expr') return true;
  const e = skipOuter(t.expr);
  if (ts.isFunctionLike(e) || ts.isClassExpression(e) || ts.isCallExpression(e) || ts.isNewExpression(e)) return true;
  return t.ctx.statementNamesFrontApi(t.expr);
}
