// ky: fetch with verb methods and instances (`ky.create`, `ky.extend`); `prefixUrl` is prepended to every
// input, so even an absolute URL is joined.
import type { ClientModel } from './model';
import { describeFetchWrapper } from './fetch-like';

export const kyModel: ClientModel = {
  kind: 'ky',
  fromPackage: (module, path) => (module === 'ky' || module === 'ky-universal') && (path === '' || path === 'ky'),
  factories: ['create', 'extend'],
  describe: (c) => describeFetchWrapper(c, 'prefixUrl', true),
};
