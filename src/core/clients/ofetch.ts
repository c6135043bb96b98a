// ofetch (`ofetch`, `$fetch`): read like ky (fetch's options, verb methods, `ofetch.create` instances), with
// `baseURL` joined to relative URLs only. Nuxt and Nitro make `$fetch` a global (ofetch over the platform's fetch, so
// it follows redirects like fetch): server routes call it without importing anything.
import type { ClientModel } from './model';
import { describeFetchWrapper } from './fetch-like';

export const ofetchModel: ClientModel = {
  kind: 'ofetch',
  fromPackage: (module, path) => module === 'ofetch' && (path === 'ofetch' || path === '$fetch' || path === ''),
  fromGlobal: (name, path) => name === '$fetch' && path.length === 0,
  factories: ['create'],
  // `ofetch.raw(url, options)` / `$fetch.raw(…)` sends the same request and returns the whole response
  describe: (c) => describeFetchWrapper(c.verb === 'raw' ? { ...c, verb: undefined } : c, 'baseURL', false),
};
