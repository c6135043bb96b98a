// msw 2 request handlers that answer Front's contact routes the way Front does after the contacts
// migration (see ./front-model.ts). msw is an optional peer dependency: only this entry imports it.
//
//     import { setupServer } from 'msw/node';
//     import { frontMigrationHandlers } from 'front-contacts-runtime/testing';
//     const server = setupServer(...frontMigrationHandlers({ migrated: { crd_old: 'crd_new' } }));
//
// Works with msw's Node server and its browser worker (`setupWorker(...)`): Web-standard APIs only.

import { http, HttpResponse, type HttpHandler } from 'msw';
import { FRONT_API_ORIGIN, FrontMigrationModel, type FrontMigrationOptions, type MigrationEffect } from './front-model';

export interface FrontMigrationHandlerOptions extends FrontMigrationOptions {
  /**
   * Extra base URLs answered like Front (a proxy your code calls, `http://localhost:4010/front`…).
   * `*.frontapp.com` is always answered (api2.frontapp.com, api.frontapp.com, <company>.api.frontapp.com).
   */
  baseUrls?: string[];
  /** Where a 301 points (default https://api.frontapp.com, as Front's Location does). */
  locationOrigin?: string;
  /** Called for every request answered, with what the migration did to it. */
  onRequest?: (event: { method: string; url: string; status: number; effect: MigrationEffect }) => void;
  /** Share state with a model you keep a reference to (to read `notes`, for example). */
  model?: FrontMigrationModel;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The contact routes, with the base path before them (empty on Front's own hosts). */
const ROUTES = '(?:/contacts(?:/[^?#]*)?|/teams/[^/?#]+/contacts/?)';

/**
 * Handlers for `/contacts`, `/contacts/:id[/...]` and `/teams/:id/contacts` on every Front host (and on
 * `baseUrls`). Everything else is left to your other handlers.
 */
export function frontMigrationHandlers(options: FrontMigrationHandlerOptions): HttpHandler[] {
  const model = options.model ?? new FrontMigrationModel(options);
  const locationOrigin = options.locationOrigin ?? FRONT_API_ORIGIN;
  const bases = (options.baseUrls ?? []).map((b) => {
    const u = new URL(b);
    return { origin: u.origin, path: u.pathname.replace(/\/+$/, '') };
  });
  const patterns = [
    new RegExp(`^https?://(?:[a-z0-9-]+\\.)*frontapp\\.com${ROUTES}$`, 'i'),
    ...bases.map((b) => new RegExp(`^${escapeRegExp(b.origin + b.path)}${ROUTES}$`, 'i')),
  ];
  const resolver = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    // A base URL with a path (a proxy's `/front`) serves the API below it: the model sees the API path.
    const base = bases.find((b) => b.origin === url.origin && b.path && url.pathname.startsWith(b.path + '/'));
    const apiUrl = new URL(url.href);
    if (base) apiUrl.pathname = url.pathname.slice(base.path.length);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    // Like a proxy that passes Front's answer on: a 301 names Front's own host.
    const answer = model.handle({ method: request.method, url: apiUrl, header: (n) => request.headers.get(n), body }, locationOrigin);
    options.onRequest?.({ method: request.method, url: request.url, status: answer.status, effect: answer.effect });
    const text = answer.body === undefined || request.method === 'HEAD' ? null : JSON.stringify(answer.body);
    const headers = new Headers(answer.headers);
    if (text !== null) headers.set('content-type', 'application/json');
    return new HttpResponse(text, { status: answer.status, headers });
  };
  return patterns.map((p) => http.all(p, resolver));
}
