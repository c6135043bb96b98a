// Zapier: `z.request({ url, method, body })` and `z.request(url, options)` in a Zapier CLI app (zapier-platform-core),
// `z` being the first parameter of a perform function.
//
// Read in zapier/zapier-platform, packages/core (19.x): src/tools/request-sugar.js turns `(url, options)` into
// `{ ...options, url }`; src/tools/request-client.js keeps `method, headers, body, redirect, follow, …` and calls
// src/tools/fetch.js, node-fetch 2.7.0 (package.json) behind a Request subclass. Nothing sets `redirect` or
// `follow`, so node-fetch's defaults apply: it follows (up to 20), unless the options say `redirect: 'manual'` or
// `'error'`, or `follow: 0`; a followed 301 re-sends a POST as a GET without its body (node-fetch 2 lib/index.js),
// PUT/PATCH/DELETE keep their method; node-fetch ≥ 2.6.7 drops Authorization (and Cookie) when the Location is not
// the same host or a subdomain of it (api2.frontapp.com → api.frontapp.com is neither). types/custom.d.ts
// documents `redirect?: 'manual' | 'error' | 'follow'` on z.request's options.
// Recognised when the receiver is a parameter typed `ZObject`, or a parameter in a file that imports or requires
// 'zapier-platform-core', or that a file doing so imports (the app's index.js requires every trigger and create).
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { isStringish, numberValue, option, requestMethod, stopsFollowing, stringValue } from './options';

const ZAPIER_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*)['"]zapier-platform-core['"]/;

export const zapierModel: ClientModel = {
  kind: 'zapier',
  fromPackage: () => false,
  byArguments: true,
  factories: [],
  describe: describeZRequest,
};

function describeZRequest(c: ClientCall): RequestInfo | undefined {
  const { call, ev } = c;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'request' || !call.arguments.length) return undefined;
  const recv = skipOuter(callee.expression);
  if (!ts.isIdentifier(recv)) return undefined;
  const decl = c.ctx.lookup(recv.text, recv);
  if (!decl || decl.kind !== 'param' || !ts.isParameter(decl.node)) return undefined;
  if (!typedZObject(decl.node) && !zapierApp(c.ctx)) return undefined;
  const [first, second] = call.arguments;
  let urlExpr: ts.Expression | undefined;
  let optsExpr: ts.Expression | undefined;
  if (isStringish(first, ev, c.ctx, c.env)) {
    urlExpr = first;
    optsExpr = second;
  } else optsExpr = first;
  const opts = c.obj(optsExpr);
  let url = c.str(urlExpr);
  if (!url && opts) {
    const u = option(ev, opts, 'url');
    if (u) url = ev.evaluateString(u.value, u.ctx, u.env);
  }
  const info: RequestInfo = {
    ...c.initial, client: 'zapier', label: "Zapier's z.request", url,
    method: requestMethod(ev, opts ? [opts] : []), rewritesPost: true,
  };
  const redirect = opts && option(ev, opts, 'redirect');
  const follow = opts && option(ev, opts, 'follow');
  const mode = redirect && stringValue(ev, redirect);
  if (redirect && (mode === 'manual' || mode === 'error')) stopsFollowing(info, redirect);
  else if (follow && numberValue(follow.value) === 0) stopsFollowing(info, follow);
  return info;
}

function typedZObject(p: ts.ParameterDeclaration): boolean {
  const t = p.type;
  return !!t && ts.isTypeReferenceNode(t) && /(^|\.)ZObject$/.test(t.typeName.getText());
}

function zapierApp(ctx: FileContext): boolean {
  if (ctx.textTest(ZAPIER_IMPORT, ['zapier-platform-core'])) return true;
  // the CLI app's index.js requires the module (texts only: nothing to parse)
  return ctx.project.importerTexts(ctx).some((f) => f.text.includes('zapier-platform-core') && ZAPIER_IMPORT.test(f.text));
}
