// Appmixer: `context.httpRequest({ method, url, headers, data })` (also `context.httpRequest(url, config)` and its
// verb methods) in a component module, `module.exports = { async receive(context) { … } }`, or in its auth module.
//
// The Appmixer engine that provides `context.httpRequest` is not public. What its public connectors say
// (clientIO/appmixer-connectors): components pass it axios configs (`data`, `params`, `headers`, `url`, `method`),
// read `{ data }` from the result, and the repository's tests stand in for it with axios itself
// (`httpRequest: require('axios')`, e.g. test/ files of the mailerlite, activecampaign, googleDocs connectors).
// So it is modelled as axios: it follows a 301 through follow-redirects unless the config says `maxRedirects: 0`,
// a followed 301 turns POST into GET, and Authorization is dropped when the host changes.
// Recognised when the receiver is the first parameter of a function written inside the object assigned to
// `module.exports` (or `export default`): the component's `receive`/`tick`/`start` or an auth definition's
// `requestAccessToken`/`validate`… Other `x.httpRequest({ method, url })` calls stay with the generic http-helper.
import { ts, skipOuter } from '../ts';
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { describeAxios } from './axios';

export const appmixerModel: ClientModel = {
  kind: 'appmixer',
  fromPackage: () => false,
  byArguments: true,
  factories: [],
  describe: describeContextRequest,
};

function describeContextRequest(c: ClientCall): RequestInfo | undefined {
  const callee = skipOuter(c.call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  let verb: string | undefined;
  let helper: ts.Expression = callee;
  if (callee.name.text !== 'httpRequest') {
    verb = callee.name.text;
    helper = skipOuter(callee.expression);
  }
  if (!ts.isPropertyAccessExpression(helper) || helper.name.text !== 'httpRequest') return undefined;
  const recv = skipOuter(helper.expression);
  if (!ts.isIdentifier(recv) || !componentContext(c, recv)) return undefined;
  const info = describeAxios({ ...c, verb }, false);
  return info && { ...info, client: 'appmixer', label: "Appmixer's context.httpRequest" };
}

/** The first parameter of a function inside the object a module exports (`module.exports = { receive(context) {…} }`). */
function componentContext(c: ClientCall, id: ts.Identifier): boolean {
  const decl = c.ctx.lookup(id.text, id);
  if (!decl || decl.kind !== 'param' || !ts.isParameter(decl.node)) return false;
  const fn = decl.node.parent;
  if (!ts.isFunctionLike(fn) || fn.parameters[0] !== decl.node) return false;
  for (let n: ts.Node = fn; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      p.left.getText(c.ctx.sf) === 'module.exports') return ts.isObjectLiteralExpression(skipOuter(n as ts.Expression));
    if (ts.isExportAssignment(p)) return ts.isObjectLiteralExpression(skipOuter(p.expression));
    if (!(ts.isObjectLiteralExpression(n) || ts.isPropertyAssignment(n) || ts.isMethodDeclaration(n) || ts.isParenthesizedExpression(n) ||
      n === fn)) return false;
  }
  return false;
}
