// front-contacts-runtime: small, dependency-free helpers for code that talks to Front's Core API
// during and after the contacts migration. Works in Node 18+ and browsers (ESM and CommonJS).

export {
  withContactRedirects,
  resolveContactId,
  ContactRedirectError,
  ContactResolveError,
  DEFAULT_FRONT_BASE_URL,
  DEFAULT_MAX_CONTACT_REDIRECTS,
} from './fetch';
export type { FetchLike, ContactRedirectEvent, ContactRedirectOptions, ResolveContactIdOptions } from './fetch';
export { installContactRedirects, contactRedirectsInterceptor } from './axios';
export type { AxiosLikeInstance, AxiosLikeRequestConfig, AxiosLikeResponse, AxiosContactRedirectOptions } from './axios';
export { withGotContactRedirects } from './got';
export type { GotLikeInstance } from './got';
export { withHttpContactRedirects } from './node-http';
export { withNeedleContactRedirects } from './needle';
export type { HttpLikeModule } from './node-http';
export { remapLegacyIds, legacyIdsOf } from './legacy';
export type { FrontContactLike } from './legacy';
export { matchContactRoute, contactIdFromLocation, isFrontHost } from './contact-route';
export type { ContactRoute, FrontTargetOptions } from './contact-route';
