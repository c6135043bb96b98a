// ofetch (`ofetch`, `$fetch`): read like ky (fetch's options, verb methods, `ofetch.create` instances), with
// `baseURL` joined to relative URLs only.
import type { ClientModel } from './model';
import { describeFetchWrapper } from './fetch-like';

export const ofetchModel: ClientModel = {
  kind: 'ofetch',
  fromPackage: (module, path) => module === 'ofetch' && (path === 'ofetch' || path === '$fetch' || path === ''),
  factories: ['create'],
  describe: (c) => describeFetchWrapper(c, 'baseURL', false),
};
