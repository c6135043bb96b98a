// bent: `const getJSON = bent('https://api2.frontapp.com', 'json', 'GET', 200)` makes a request function (its string
// arguments in upper case are the method, one starting with http(s): the base URL), and `getJSON(path, body, headers)`
// sends `base + path`. Read in mikeal/bent src/core.js and src/nodejs.js: in Node the request is a plain
// `http(s).request`, which never follows a redirect; a 301 that is not among the accepted status codes rejects with a
// StatusError, and one that is comes back as the response. (The browser build uses fetch; Front's API is called from
// servers.)
import { ts, skipOuter } from '../ts';
import type { Part } from '../values';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { mayBeOptionsObject } from './options';

export const bentModel: ClientModel = {
  kind: 'bent',
  fromPackage: (module, path) => module === 'bent' && (path === '' || path === 'default'),
  factories: [],
  calledMakesInstance: true,
  chained: true,
  describe: describeBent,
};

function describeBent(c: ClientCall): RequestInfo | undefined {
  const made = c.client.chain?.[0];
  if (c.verb !== undefined || !made) return undefined;
  let method = 'GET';
  let base: Part[] = [];
  for (const arg of made.call.arguments) {
    // numbers are accepted status codes, objects headers; strings say the base URL, the method or the encoding
    if (ts.isNumericLiteral(skipOuter(arg)) || !mayBeOptionsObject(arg) && !ts.isStringLiteralLike(skipOuter(arg)) && !ts.isTemplateExpression(skipOuter(arg))) continue;
    const parts = c.ev.evaluateString(arg, made.ctx, made.env);
    const first = parts[0];
    if (first?.kind === 'lit' && /^https?:/i.test(first.text)) base = parts;
    else if (parts.length === 1 && first.kind === 'lit' && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(first.text)) method = first.text;
  }
  const path = c.args[0] ? c.str(c.args[0]) ?? [] : [];
  const url = [...base, ...path];
  return {
    ...c.initial, url: url.length ? url : undefined, method, follows: false,
    noFollowReason: 'bent sends with http(s).request, which never follows a redirect',
  };
}
