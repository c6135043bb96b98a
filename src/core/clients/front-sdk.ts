// front-sdk on npm (balena-io-modules/front-sdk): `const front = new Front(token)`, then
// `front.contact.get({ contact_id })`, `front.contact.update({ contact_id, … })`, `front.contact.delete({ contact_id })`.
//
// Read in its lib/index.ts: each method is `this.httpCall({ method, path: 'contacts/<contact_id>' }, params)`; httpCall
// fills `<contact_id>` from the params and sends `{ method, url: 'https://api2.frontapp.com/' + path }` with
// request-promise. request follows a 301 only for GET and HEAD (front-sdk sets neither followAllRedirects nor
// followRedirect), and drops Authorization when the redirect leaves the host (api2 → api.frontapp.com). The route and
// the method live inside node_modules, which the engine does not read: the SDK's method call is the request, and the
// place to report it.
import { ts, skipOuter } from '../ts';
import type { FileContext } from '../files';
import type { Env, Evaluator, Part, Ref } from '../values';
import type { RequestInfo } from './model';
import { option } from './options';

const PACKAGE = 'front-sdk';
/** The SDK's methods on a contact id and the HTTP method each sends. */
const CONTACT_OPERATIONS: Record<string, string> = Object.assign(Object.create(null), { get: 'GET', update: 'PATCH', delete: 'DELETE' });
const BASE = 'https://api2.frontapp.com/contacts/';

/** Cheap text test: only files that name the package (or import a file that does) can hold a front-sdk instance. */
export function mayUseFrontSdk(text: string): boolean {
  return text.includes(PACKAGE);
}

/** `x.contact.get|update|delete(…)`: the shape of a front-sdk contact call, whatever `x` is. */
export function isFrontSdkContactCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !(callee.name.text in CONTACT_OPERATIONS)) return false;
  const group = skipOuter(callee.expression);
  return ts.isPropertyAccessExpression(group) && group.name.text === 'contact';
}

/**
 * The request `front.contact.get|update|delete(params)` makes, when `front` is an instance of front-sdk's `Front`
 * (made here, or handed in by the callers: `paramValues`).
 */
export function frontSdkOperation(
  ev: Evaluator,
  paramValues: (ref: Ref & { kind: 'param' }) => Ref[],
  call: ts.CallExpression,
  ctx: FileContext,
  env: Env,
): RequestInfo | undefined {
  if (!isFrontSdkContactCall(call)) return undefined;
  const callee = skipOuter(call.expression) as ts.PropertyAccessExpression;
  const method = CONTACT_OPERATIONS[callee.name.text];
  const group = skipOuter(callee.expression) as ts.PropertyAccessExpression;
  if (!isFrontInstance(ev, paramValues, ev.deref(group.expression, ctx, env), 0)) return undefined;
  const params = call.arguments[0];
  const id = params && option(ev, ev.deref(params, ctx, env), 'contact_id');
  const idParts: Part[] = id
    ? ev.evaluateString(id.value, id.ctx, id.env)
    : [{ kind: 'hole', node: params ?? call, ctx, anchor: call, indirect: true, name: 'contact_id' }];
  const url: Part[] = [{ kind: 'lit', text: BASE, anchor: call, indirect: true }, ...idParts];
  // request-promise: follows GET only, so a write's 301 comes back as an error
  return { client: 'request', label: "front-sdk's request-promise", call, ctx, url, method, follows: method === 'GET', rewritesPost: false, rewritesAllMethods: false };
}

function isFrontInstance(ev: Evaluator, paramValues: (ref: Ref & { kind: 'param' }) => Ref[], ref: Ref, depth: number): boolean {
  if (depth > 4) return false;
  // a parameter: what the callers pass, or its type (`front: Front`, Front imported from front-sdk)
  if (ref.kind === 'param') return paramValues(ref).some((v) => isFrontInstance(ev, paramValues, v, depth + 1)) || (!!ref.fallback && isFrontClass(ref.fallback));
  if (ref.kind !== 'expr') return false;
  const e = skipOuter(ref.expr);
  return ts.isNewExpression(e) && isFrontClass(ev.deref(e.expression, ref.ctx, ref.env, true));
}

function isFrontClass(ref: Ref): boolean {
  return ref.kind === 'package' && ref.module === PACKAGE && ['Front', 'default.Front'].includes(ref.path.join('.'));
}
