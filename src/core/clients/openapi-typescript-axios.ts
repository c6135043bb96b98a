// openapi-generator's typescript-axios output builds each operation in a "param creator":
//
//   const localVarPath = `/contacts/{contact_id}/notes`.replace(`{${"contact_id"}}`, encodeURIComponent(String(contactId)));
//   const localVarRequestOptions = { method: 'POST', ...baseOptions, ...options };
//   return { url: toPathString(localVarUrlObj), options: localVarRequestOptions };
//
// and sends it later, far from the route, through createRequestFunction(…, globalAxios, BASE_PATH) → axios.request
// (common.ts): axios with its default redirect handling, which follows the 301 and turns a POST into a GET. The
// operation is the request: it is reported on the `localVarPath` expression, where route and method are decided.
import { ts, skipOuter, propertyNameText } from '../ts';
import type { FileContext } from '../files';
import type { Evaluator } from '../values';
import type { RequestInfo } from './model';
import { joinBase, literalUpper, option } from './options';
import { generatedDefaultBase } from './generated-base';
import { chooseServer, classSettings, type ServerSetting } from './generated-server';

export function typescriptAxiosOperation(ev: Evaluator, call: ts.CallExpression, ctx: FileContext): RequestInfo | undefined {
  const decl = call.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== call || !ts.isIdentifier(decl.name) || decl.name.text !== 'localVarPath') return undefined;
  const block = decl.parent?.parent?.parent;
  if (!block || !ts.isBlock(block)) return undefined;
  for (const st of block.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== 'localVarRequestOptions' || !d.initializer) continue;
      const opts = skipOuter(d.initializer);
      if (!ts.isObjectLiteralExpression(opts) || !opts.properties.some((p) => p.name && propertyNameText(p.name) === 'method')) continue;
      const m = option(ev, { kind: 'expr', ctx, expr: opts, env: new Map(), indirect: false }, 'method');
      const info: RequestInfo = {
        client: 'axios', call, ctx, url: ev.evaluateString(call, ctx), method: m && literalUpper(ev, m),
        follows: true, rewritesPost: true, rewritesAllMethods: false, baseUnknown: true,
      };
      // createRequestFunction(…, globalAxios, BASE_PATH) sends `basePath + url`: base.ts's BASE_PATH, the spec's
      // server, unless the application configures another basePath where it makes the API (generated-server.ts)
      const generated = generatedDefaultBase(ev, call, ctx, new Map());
      const base = generated && chooseServer(generated, operationSettings(ev, call, ctx));
      if (base && info.url) {
        info.base = base;
        info.url = joinBase(base, info.url, true);
        info.baseUnknown = false;
      }
      return info;
    }
  }
  return undefined;
}

/**
 * Where the application makes the API an operation belongs to: `ContactsApiAxiosParamCreator` is used by the class
 * `ContactsApi` and the functions `ContactsApiFp` and `ContactsApiFactory` of the same file.
 */
function operationSettings(ev: Evaluator, at: ts.Node, ctx: FileContext): ServerSetting[] {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (!ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || !n.name.text.endsWith(PARAM_CREATOR)) continue;
    const api = n.name.text.slice(0, -PARAM_CREATOR.length);
    const decl = ctx.lookup(api, n);
    const cls = decl && ts.isClassLike(decl.node) ? decl.node : undefined;
    return classSettings(ev, ctx, cls, [`${api}Fp`, `${api}Factory`]);
  }
  return [];
}

const PARAM_CREATOR = 'AxiosParamCreator';
