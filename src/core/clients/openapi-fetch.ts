// openapi-fetch: `const client = createClient<paths>({ baseUrl })`, then `client.POST('/contacts/{contact_id}/notes',
// { params: { path: { contact_id } }, body })`. Its coreFetch builds a Request from baseUrl + the templated path and
// the remaining init (so `redirect` in the client's or the call's options applies) and hands it to the global fetch
// (or `fetch` from the options): the 301 is followed and a followed POST becomes a GET.
import type { ClientModel } from './model';
import { readInit } from './fetch-like';
import { applyBase, fetchOptionWrapped, fetchOptionsObject } from './options';

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);

export const openapiFetchModel: ClientModel = {
  kind: 'openapi-fetch',
  // the package's default export (and named createClient) is the factory; calling it makes the client
  fromPackage: (module, path) => module === 'openapi-fetch' && (path === '' || path === 'default' || path === 'createClient'),
  factories: [],
  calledMakesInstance: true,
  describe(c) {
    if (c.verb === undefined || !VERBS.has(c.verb)) return undefined;
    const opts = c.obj(c.args[1]);
    const all = [...c.configs, ...(opts ? [opts] : [])];
    const info = readInit(c.ev, { ...c.initial, url: c.str(c.args[0]) }, all);
    info.method = c.verb;
    applyBase(c.ev, info, all, 'baseUrl', true);
    // createClient({ baseUrl, fetch }): its requests go through the `fetch` it is given
    info.fetchOptions = fetchOptionsObject(c.ev, c.configs);
    info.helperInstalled = fetchOptionWrapped(c.ev, c.configs);
    return info;
  },
};
