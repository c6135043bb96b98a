// redaxios: axios's API (`redaxios(config)`, `redaxios.get(url, config)`, `redaxios.post(url, data, config)`,
// `redaxios.create(defaults)`) over fetch. Read in developit/redaxios 0.5.1 src/index.js: the request is
// `(options.fetch || fetch)(url, { method, body, headers, credentials })`, nothing else of the config reaches fetch,
// so axios's `maxRedirects: 0` (and a `redirect` option) do nothing: fetch follows the 301, turns a POST into a GET
// and drops Authorization when the Location is on another origin. `baseURL` is prefixed to URLs without `//`.
import type { ClientModel } from './model';
import { describeAxios } from './axios';
import { fetchOptionWrapped, fetchOptionsObject } from './options';

export const redaxiosModel: ClientModel = {
  kind: 'redaxios',
  fromPackage: (module, path) => module === 'redaxios' && (path === '' || path === 'default'),
  factories: ['create'],
  describe(c) {
    // axios's reading of the arguments, without the program's axios.defaults (another package's)
    const info = describeAxios(c, false);
    if (!info) return undefined;
    // the instance's configuration (`redaxios.create({ … })`), where `fetch: withContactRedirects(fetch)` can go
    const all = c.configs;
    return { ...info, follows: true, disabledBy: undefined, fetchOptions: fetchOptionsObject(c.ev, all), helperInstalled: fetchOptionWrapped(c.ev, all) };
  },
};
