// needle: `needle(method, url, data, options)`, `needle.request(…)` and verb methods; the options of every
// `needle.defaults(options)` call in the file apply too. needle follows only when `follow_max` (or `follow`)
// says so, and then rewrites the method to GET unless `follow_keep_method`.
import { ts } from '../ts';
import type { FileContext } from '../files';
import { EMPTY_ENV, Evaluator, Ref } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { VERBS, isFalse, isTrue, lastOption, literalUpperExpr, methodOfVerb, numberValue } from './options';

export const needleModel: ClientModel = {
  kind: 'needle',
  fromPackage: (module, path) => module === 'needle' && path === '',
  factories: ['defaults'],
  describe: describeNeedle,
};

function describeNeedle(c: ClientCall): RequestInfo | undefined {
  const { ev, verb, args } = c;
  let method: string | undefined;
  let urlExpr: ts.Expression | undefined;
  let optsExpr: ts.Expression | undefined;
  if (verb === undefined || verb === 'request') {
    method = literalUpperExpr(ev, args[0], c.ctx, c.env);
    urlExpr = args[1];
    optsExpr = args[3];
  } else if (VERBS.has(verb)) {
    method = methodOfVerb(verb);
    urlExpr = args[0];
    optsExpr = verb === 'get' || verb === 'head' ? args[1] : args[2];
  } else return undefined;
  const opts = c.obj(optsExpr);
  const all = [...c.configs, ...defaultsCalls(ev, c.ctx), ...(opts ? [opts] : [])];
  const fm = lastOption(ev, all, 'follow_max') ?? lastOption(ev, all, 'follow');
  const follows = fm !== undefined && !isFalse(fm.value) && numberValue(fm.value) !== 0;
  const keep = lastOption(ev, all, 'follow_keep_method');
  const info: RequestInfo = { ...c.initial, url: c.str(urlExpr), method, follows };
  if (follows && !(keep && isTrue(keep.value))) {
    info.rewritesPost = true;
    info.rewritesAllMethods = true;
  }
  return info;
}

/** The options of `needle.defaults(…)` calls in the file. */
function defaultsCalls(ev: Evaluator, ctx: FileContext): Ref[] {
  const out: Ref[] = [];
  if (!ctx.textTest(/\.defaults\s*\(/, ['.defaults'])) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'defaults' && n.arguments[0]) {
      const owner = ev.deref(n.expression.expression, ctx, EMPTY_ENV);
      if (owner.kind === 'package' && owner.module === 'needle') out.push(ev.deref(n.arguments[0], ctx, EMPTY_ENV));
    }
  };
  for (const n of ctx.nodes()) visit(n);
  return out;
}
