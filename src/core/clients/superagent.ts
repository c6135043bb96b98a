// superagent: `superagent(method, url)`, `superagent(url)`, verb methods, and agents (`superagent.agent()`)
// configured by chained setters. `.redirects(0)`, on the agent or on the request's chain, does not follow.
import { ts } from '../ts';
import { EMPTY_ENV } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { VERBS, literalUpperExpr, methodOfVerb, numberValue } from './options';

// Methods of a superagent agent that configure it and return it.
const AGENT_SETTERS = new Set(['set', 'use', 'auth', 'accept', 'type', 'timeout', 'retry', 'ok', 'query', 'withCredentials', 'ca', 'key', 'cert', 'pfx', 'redirects', 'on']);

export const superagentModel: ClientModel = {
  kind: 'superagent',
  fromPackage: (module, path) => module === 'superagent' && (path === '' || path === 'agent'),
  factories: ['agent'],
  // superagent.agent() takes no config: an empty one records that the instance is an agent (configured by setters)
  configWithoutArgument: (ctx) => ({ kind: 'expr', ctx, expr: ts.factory.createObjectLiteralExpression([]), env: EMPTY_ENV, indirect: true }),
  sameInstance(instance, method, call, ctx) {
    if (!AGENT_SETTERS.has(method) || instance.configs.length === 0) return undefined;
    // superagent.agent().set(…).redirects(0): still the agent
    const off = method === 'redirects' && call.arguments[0] && numberValue(call.arguments[0]) === 0;
    return { ...instance, agentRedirectsOff: off ? { node: call, ctx, text: '.redirects(0)' } : instance.agentRedirectsOff };
  },
  describe: describeSuperagent,
};

function describeSuperagent(c: ClientCall): RequestInfo | undefined {
  const { verb, args } = c;
  let method: string | undefined;
  let urlExpr: ts.Expression | undefined;
  if (verb === undefined) {
    if (args.length >= 2) {
      method = literalUpperExpr(c.ev, args[0], c.ctx, c.env);
      urlExpr = args[1];
    } else {
      method = 'GET';
      urlExpr = args[0];
    }
  } else if (VERBS.has(verb)) {
    method = methodOfVerb(verb);
    urlExpr = args[0];
  } else return undefined;
  const info: RequestInfo = { ...c.initial, url: c.str(urlExpr), method, rewritesPost: true, rewritesAllMethods: true };
  if (c.client.agentRedirectsOff) {
    info.follows = false;
    info.disabledBy = c.client.agentRedirectsOff;
  }
  // Walk the chain: superagent.post(url).set(…).redirects(0).send(…)
  for (let n: ts.Node = c.call; ; ) {
    const p = n.parent;
    if (!p || !ts.isPropertyAccessExpression(p) || p.expression !== n || !p.parent || !ts.isCallExpression(p.parent)) break;
    const chained = p.parent;
    if (p.name.text === 'redirects' && chained.arguments[0] && numberValue(chained.arguments[0]) === 0) {
      info.follows = false;
      info.disabledBy = { node: chained, ctx: c.ctx, text: '.redirects(0)' };
    }
    n = chained;
  }
  return info;
}
