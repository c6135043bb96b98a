// undici's `request(url, options)`: it follows only when `maxRedirections` is a number other than 0, and a
// followed 301 then turns POST into GET.
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { lastOption, numberValue, requestMethod } from './options';

export const undiciRequestModel: ClientModel = {
  kind: 'undici-request',
  fromPackage: (module, path) => module === 'undici' && path === 'request',
  factories: [],
  describe: describeUndiciRequest,
};

function describeUndiciRequest(c: ClientCall): RequestInfo | undefined {
  if (c.verb !== undefined) return undefined;
  const { ev } = c;
  const opts = c.obj(c.args[1]);
  const all = opts ? [opts] : [];
  const mr = lastOption(ev, all, 'maxRedirections');
  const follows = mr !== undefined && numberValue(mr.value) !== 0 && numberValue(mr.value) !== undefined;
  return { ...c.initial, url: c.str(c.args[0]), method: requestMethod(ev, all), follows, rewritesPost: follows };
}
