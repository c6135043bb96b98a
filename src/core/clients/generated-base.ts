// The default server URL of a generated OpenAPI client, which the generators take from the spec's `servers`
// (Front's spec: https://api2.frontapp.com). A request the generated code sends without an explicit base is sent
// to it unless the application configures another one, so it is the request's host:
//   - openapi-generator typescript-axios (base.ts) and typescript-fetch (runtime.ts):
//     `export const BASE_PATH = "https://api2.frontapp.com".replace(/\/+$/, "")`, imported by name or through
//     `import * as runtime from './runtime'`;
//   - swagger-typescript-api: `public baseUrl: string = "https://api2.frontapp.com"` on its HttpClient class, the
//     receiver of `this.request({ path, method })`.
import { ts, skipOuter } from '../ts';
import { declTarget, type FileContext } from '../files';
import { EMPTY_ENV, flatten, type Env, type Evaluator, type Part } from '../values';

const RECEIVER_KEYS = ['baseUrl', 'baseURL', 'basePath'];
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a URL starts with a scheme we can read (and so names its host), not a path or a hole. */
export function hasScheme(url: readonly Part[] | undefined): boolean {
  return !!url && HAS_SCHEME.test(flatten(url));
}

/** The base URL a generated client's request goes to by default, when the generated code says it. */
export function generatedDefaultBase(ev: Evaluator, call: ts.CallExpression, ctx: FileContext, env: Env): Part[] | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const recv = ev.deref(callee.expression, ctx, env, true);
    for (const key of RECEIVER_KEYS) {
      const m = ev.member(recv, key);
      if (m.kind !== 'expr') continue;
      const parts = ev.evaluateString(m.expr, m.ctx, m.env);
      if (hasScheme(parts)) return parts;
    }
  }
  return modulePath(ev, ctx, call);
}

/** `BASE_PATH` as this file sees it: its own, imported by name, or exported by a module it imports as a namespace. */
function modulePath(ev: Evaluator, ctx: FileContext, at: ts.Node): Part[] | undefined {
  const decl = ctx.lookup('BASE_PATH', at);
  let found: { expr: ts.Expression; ctx: FileContext } | undefined;
  if (decl?.kind === 'var' && decl.init && decl.path.length === 0) found = { expr: decl.init, ctx: decl.ctx };
  else if (decl?.kind === 'import') {
    const t = declTarget(decl);
    if (t?.kind === 'expr' && t.path.length === 0) found = { expr: t.expr, ctx: t.ctx };
  } else if (!decl) {
    for (const st of ctx.sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const ns = st.importClause?.namedBindings;
      if (!ns || !ts.isNamespaceImport(ns)) continue;
      const t = ctx.project.importedFile(ctx, st.moduleSpecifier.text)?.exportTarget('BASE_PATH');
      if (t?.kind === 'expr' && t.path.length === 0) {
        found = { expr: t.expr, ctx: t.ctx };
        break;
      }
    }
  }
  if (!found) return undefined;
  const parts = ev.evaluateString(found.expr, found.ctx, EMPTY_ENV);
  return hasScheme(parts) ? parts : undefined;
}
