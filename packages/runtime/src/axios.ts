// The same safe contact-redirect handling as `withContactRedirects`, for axios instances.
// axios is not a dependency: its shapes are described structurally, so any axios 1.x instance fits.
//
// How: a request interceptor sets `maxRedirects: 0` on Front contact routes (so axios' Node adapter does
// not follow, which would turn a POST into a GET and drop Authorization across hosts) and reads stream
// bodies into bytes; a response interceptor sees the 301, takes only the new id from `Location`, and
// re-issues the same config (method, data, headers, params) with the id replaced in the original URL.
// Browsers' XHR follows redirects on its own and cannot be told not to, so this helps the Node adapter.

import { bufferOneShotBody, isOneShotBody } from './body';
import {
  contactIdFromLocation,
  isContactMoveStatus,
  matchContactRoute,
  withContactId,
  type FrontTargetOptions,
} from './contact-route';
import { ContactRedirectError, DEFAULT_MAX_CONTACT_REDIRECTS, type ContactRedirectEvent } from './fetch';

/** The axios request-config fields this helper reads or writes. */
export interface AxiosLikeRequestConfig {
  url?: string;
  baseURL?: string;
  method?: string;
  data?: unknown;
  maxRedirects?: number;
  allowAbsoluteUrls?: boolean;
}

export interface AxiosLikeResponse {
  status: number;
  headers: unknown;
  config: AxiosLikeRequestConfig;
}

interface InterceptorManager<V> {
  use(onFulfilled?: ((value: V) => V | Promise<V>) | null, onRejected?: ((error: unknown) => unknown) | null): number;
  eject(id: number): void;
}

/** Structural type of an axios instance (`axios`, `axios.create(...)`). */
export interface AxiosLikeInstance<C extends AxiosLikeRequestConfig = AxiosLikeRequestConfig, R extends AxiosLikeResponse = AxiosLikeResponse> {
  interceptors: { request: InterceptorManager<C>; response: InterceptorManager<R> };
  request(config: C): Promise<unknown>;
}

export interface AxiosContactRedirectOptions extends FrontTargetOptions {
  /** How many contact redirects one request may follow (default 5). More is an error. */
  maxRedirects?: number;
  /** Called before each replay; handy to persist `oldId -> newId`. */
  onRedirect?: (event: ContactRedirectEvent) => void;
}

/** Config key (kept by axios' config merge) counting the contact redirects a request already followed. */
const HOPS_KEY = 'frontContactRedirects';

function isAbsoluteUrl(url: string): boolean {
  return /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);
}

/** What axios' `buildFullPath` would produce, parsed; `undefined` when it is not an absolute URL. */
function fullUrlOf(config: AxiosLikeRequestConfig): URL | undefined {
  const url = config.url ?? '';
  const base = config.baseURL;
  let full = url;
  if (base && (!isAbsoluteUrl(url) || config.allowAbsoluteUrls === false)) {
    full = url ? base.replace(/\/?\/$/, '') + '/' + url.replace(/^\/+/, '') : base;
  }
  try {
    return new URL(full);
  } catch {
    return undefined;
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const v: unknown = getter.call(headers, name);
    if (typeof v === 'string') return v;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Installs the contact-redirect interceptors on an axios instance. Returns a function that removes them.
 *
 *     const api = axios.create({ baseURL: 'https://api2.frontapp.com', headers: { Authorization: `Bearer ${t}` } });
 *     installContactRedirects(api);
 *     await api.post('/contacts/crd_old/notes', { body: 'hi' }); // reaches /contacts/crd_new/notes as a POST
 */
export function installContactRedirects<C extends AxiosLikeRequestConfig, R extends AxiosLikeResponse>(
  instance: AxiosLikeInstance<C, R>,
  options: AxiosContactRedirectOptions = {},
): () => void {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_CONTACT_REDIRECTS;

  const onRequest = async (config: C): Promise<C> => {
    const url = fullUrlOf(config);
    if (!url || !matchContactRoute(url, options)) return config;
    config.maxRedirects = 0;
    if (isOneShotBody(config.data)) config.data = await bufferOneShotBody(config.data);
    return config;
  };

  /** The replayed request for a contact-move response, or `undefined` when the response is something else. */
  const replay = (response: AxiosLikeResponse): Promise<unknown> | undefined => {
    if (!isContactMoveStatus(response.status)) return undefined;
    const config = response.config;
    const url = fullUrlOf(config);
    const route = url && matchContactRoute(url, options);
    if (!url || !route) return undefined;
    const newId = contactIdFromLocation(headerValue(response.headers, 'location'), url);
    if (newId === undefined || newId === route.id) return undefined;
    const hops = Number((config as Record<string, unknown>)[HOPS_KEY] ?? 0);
    if (hops >= maxRedirects) return Promise.reject(new ContactRedirectError(url.href, hops));
    // Only the id changes: the next URL is the ORIGINAL one (origin, path, query) with the new id, made
    // absolute so neither the Location's host nor a default baseURL can redirect it elsewhere.
    const nextUrl = withContactId(url, route, newId);
    const next: Record<string, unknown> = { ...config, url: nextUrl.href, allowAbsoluteUrls: true, [HOPS_KEY]: hops + 1 };
    options.onRedirect?.({ status: response.status, oldId: route.id, newId, from: url.href, to: nextUrl.href });
    return instance.request(next as C);
  };

  const requestId = instance.interceptors.request.use(onRequest);
  const responseId = instance.interceptors.response.use(
    // With a validateStatus that accepts 3xx, the 301 arrives here as a success.
    (response: R) => (replay(response) as Promise<R> | undefined) ?? response,
    (error: unknown) => {
      const response = typeof error === 'object' && error !== null ? (error as { response?: unknown }).response : undefined;
      const replayed = isAxiosLikeResponse(response) ? replay(response) : undefined;
      return replayed ?? Promise.reject(error);
    },
  );
  return () => {
    instance.interceptors.request.eject(requestId);
    instance.interceptors.response.eject(responseId);
  };
}

function isAxiosLikeResponse(value: unknown): value is AxiosLikeResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { config?: unknown }).config === 'object'
  );
}

/** Alias, for readers who look for an interceptor by that name. */
export const contactRedirectsInterceptor = installContactRedirects;
