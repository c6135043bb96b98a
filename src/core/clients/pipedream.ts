// Pipedream: `axios($, config)` from @pipedream/platform (the step `$` first, then an axios config), and the
// axios instances its `axios.create(config)` makes.
//
// Read in PipedreamHQ/pipedream, platform/lib/axios.ts: `callAxios(step, config, signConfig?)` cleans the config
// (undefined headers/params, query string moved to params, OAuth1 signature) and calls the axios default export
// with it, `axios(config)`; it never sets maxRedirects. `callAxios.create = create` returns `axios.create(config)`
// with interceptors that do the same cleaning. So it follows a 301 through follow-redirects unless the config says
// `maxRedirects: 0`; a followed 301 turns POST into GET, and Authorization is dropped when the host changes.
// Recognised by import (`import { axios } from '@pipedream/platform'`, `require('@pipedream/platform').axios`).
import type { ClientCall, ClientModel, RequestInfo } from './model';
import { describeAxios } from './axios';
import { applyBase, numberValue, option, requestMethod, stopsFollowing } from './options';

const PACKAGE = '@pipedream/platform';

export const pipedreamModel: ClientModel = {
  kind: 'pipedream',
  fromPackage: (module, path) => module === PACKAGE && path === 'axios',
  factories: ['create'],
  describe: describePipedream,
};

function describePipedream(c: ClientCall): RequestInfo | undefined {
  // an instance from axios.create(config): a plain axios instance
  if (c.client.configs.length) {
    const info = describeAxios(c, false);
    return info && { ...info, label: "Pipedream's axios.create() instance" };
  }
  // axios($, config[, signConfig]): the config is always the second argument
  if (c.verb !== undefined || c.args.length < 2) return undefined;
  const cfg = c.obj(c.args[1]);
  if (!cfg) return undefined;
  const { ev } = c;
  const u = option(ev, cfg, 'url');
  const info: RequestInfo = {
    ...c.initial,
    label: "Pipedream's axios($, config)",
    url: u && ev.evaluateString(u.value, u.ctx, u.env),
    method: requestMethod(ev, [cfg]),
    rewritesPost: true,
  };
  const mr = option(ev, cfg, 'maxRedirects');
  if (mr && numberValue(mr.value) === 0) stopsFollowing(info, mr);
  applyBase(ev, info, [cfg], 'baseURL', false);
  return info;
}
