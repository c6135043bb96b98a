// NestJS's HttpService (@nestjs/axios): injected into a service by its type
// (`constructor(private readonly http: HttpService)`), it sends through an axios instance made from the options of
// the module that provides it: `HttpModule.register({ baseURL, maxRedirects })` or
// `HttpModule.registerAsync({ useFactory: () => ({ … }) })` in a module file, which imports the service to list it
// in `providers`. Those options are read from the service file's importers; without a register call the instance
// is axios with its defaults (follows the 301, a followed POST becomes a GET, Authorization dropped on a host change).
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import { EMPTY_ENV, type Ref } from '../values';
import { singleReturn } from '../values';

/** The name of the placeholder configuration clientOf gives an injected HttpService (see describeAxios). */
export const NEST_HTTP_MODULE = '@nestjs/axios HttpModule options';

/** Module files looked at: a service is provided by one module, rarely more. */
const MAX_MODULE_FILES = 8;

/** The options objects `HttpModule.register(…)` / `registerAsync({ useFactory })` give in the files importing `ctx`. */
export function nestHttpModuleOptions(ctx: FileContext): Ref[] {
  const out: Ref[] = [];
  let looked = 0;
  for (const importer of ctx.project.importerTexts(ctx)) {
    if (looked >= MAX_MODULE_FILES) break;
    if (!importer.text.includes('HttpModule.register')) continue;
    looked++;
    const f = ctx.project.parsed(importer.name, importer.text);
    for (const n of f.nodes()) {
      if (!ts.isCallExpression(n)) continue;
      const callee = skipOuter(n.expression);
      if (!ts.isPropertyAccessExpression(callee) || callee.expression.getText(f.sf) !== 'HttpModule') continue;
      const arg = n.arguments[0] && skipOuter(n.arguments[0]);
      if (!arg || !ts.isObjectLiteralExpression(arg)) {
        out.push({ kind: 'unknown' });
        continue;
      }
      if (callee.name.text === 'register') out.push({ kind: 'expr', ctx: f, expr: arg, env: EMPTY_ENV, indirect: true });
      else if (callee.name.text === 'registerAsync') out.push(factoryOptions(arg, f));
    }
  }
  return out;
}

/** `registerAsync({ useFactory: (config) => ({ … }) })`: the object the factory returns, when it is written there. */
function factoryOptions(arg: ts.ObjectLiteralExpression, f: FileContext): Ref {
  for (const p of arg.properties) {
    if (!ts.isPropertyAssignment(p) || !p.name || p.name.getText(f.sf) !== 'useFactory') continue;
    const fn = skipOuter(p.initializer);
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) break;
    const ret = ts.isArrowFunction(fn) && !ts.isBlock(fn.body) ? fn.body : singleReturn(fn);
    const obj = ret && skipOuter(ret);
    if (obj && ts.isObjectLiteralExpression(obj)) return { kind: 'expr', ctx: f, expr: obj, env: EMPTY_ENV, indirect: true };
  }
  return { kind: 'unknown' };
}
