// Fetches one page of the contact list with the token, riding out what is transient — 429 (Retry-After,
// x-ratelimit-*), 5xx, timeouts, dropped connections — with bounded retries, and failing at once on what
// is not: a rejected token, a redirect (the token is not followed anywhere), a 4xx, an answer that is not
// JSON (a wrong --base-url serving HTML comes back the same every time).

import { LegacyIdsRunError } from './errors';
import { parseContactPage, type ContactPage } from './pagination';
import { backoffMs, isJsonContentType, rateLimitResetMs, RESET_MARGIN_MS, retryAfterMs } from './retry-policy';

export interface PageClientOptions {
  token: string;
  /** The environment variable the token came from, named when it is rejected. */
  tokenEnv: string;
  /** Attempts after the first for a transient failure. */
  retries: number;
  /** First backoff delay; doubled per attempt. */
  backoffMs: number;
  /** Longest single wait for a rate limit. */
  maxWaitMs: number;
  timeoutMs: number;
  /** One line for the user (retries, rate-limit waits). */
  say: (line: string) => void;
  /** Seams for tests: the clock, the waiting, the network and the jitter. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PageClient {
  /** Set when the last answer said the rate-limit budget is spent: wait until then before the next request. */
  private rateLimitedUntil = 0;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: PageClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  async fetchPage(url: string): Promise<ContactPage> {
    const { options } = this;
    let attempt = 0;
    for (;;) {
      const wait = this.rateLimitedUntil - this.now();
      if (wait > 0) {
        if (wait >= 1000) options.say(`rate limit budget spent; waiting ${(wait / 1000).toFixed(1)} s`);
        await this.sleep(Math.min(wait, options.maxWaitMs));
      }
      this.rateLimitedUntil = 0;

      let outcome: { page: ContactPage } | { problem: string; delay?: number };
      try {
        outcome = await this.attempt(url);
      } catch (e) {
        if (e instanceof LegacyIdsRunError) throw e;
        const err = e as Error & { cause?: { code?: string; message?: string } };
        const problem =
          err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs / 1000} s` : `connection failed (${err.cause?.code ?? err.cause?.message ?? err.message})`;
        outcome = { problem };
      }
      if ('page' in outcome) return outcome.page;

      attempt++;
      if (attempt > options.retries) {
        throw new LegacyIdsRunError(`giving up on ${url} after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${outcome.problem}`);
      }
      const delay = outcome.delay ?? backoffMs(attempt, options.backoffMs, this.random());
      options.say(`${outcome.problem}; retry ${attempt}/${options.retries} in ${(delay / 1000).toFixed(1)} s`);
      await this.sleep(delay);
    }
  }

  /** One request: the page, a transient problem (with the wait the server asked for), or a thrown final failure. */
  private async attempt(url: string): Promise<{ page: ContactPage } | { problem: string; delay?: number }> {
    const { options } = this;
    const response = await this.fetch(url, {
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const now = this.now();
    const remaining = response.headers.get('x-ratelimit-remaining');
    const resetMs = rateLimitResetMs(response.headers.get('x-ratelimit-reset'), now);
    const status = response.status;

    if (response.ok) {
      const text = await response.text();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
      const page = parseContactPage(data);
      if (page) {
        // Budget spent: wait for the reset (plus a little, for clock skew) rather than collect a 429.
        if (remaining !== null && Number(remaining) <= 0 && resetMs !== undefined) this.rateLimitedUntil = now + resetMs + RESET_MARGIN_MS;
        return { page };
      }
      const contentType = response.headers.get('content-type');
      if (data === undefined && !isJsonContentType(contentType)) {
        // An HTML page (a login wall, a wrong host, a proxy's error page) comes back the same every time:
        // not worth ten retries over two minutes.
        throw new LegacyIdsRunError(
          `GET ${url} answered HTTP ${status} with ${contentType ? contentType.split(';')[0]!.trim() : 'no content type'}, not JSON: ` +
            `this is not Front's Core API; check --base-url (default https://api2.frontapp.com, or https://<company>.api.frontapp.com)`,
        );
      }
      return { problem: `HTTP ${status} with a body that is not a contact list page` };
    }

    await response.body?.cancel().catch(() => undefined);
    if (status === 401 || status === 403) {
      throw new LegacyIdsRunError(
        `the API token was rejected (HTTP ${status} from ${new URL(url).host}); check the token in $${options.tokenEnv} and its scopes`,
      );
    }
    if (status === 429) {
      const asked = retryAfterMs(response.headers.get('retry-after'), now) ?? resetMs;
      return { problem: 'HTTP 429 (rate limited)', delay: asked === undefined ? undefined : Math.min(asked, options.maxWaitMs) };
    }
    if (status >= 500) {
      const asked = retryAfterMs(response.headers.get('retry-after'), now);
      return { problem: `HTTP ${status}`, delay: asked === undefined ? undefined : Math.min(asked, options.maxWaitMs) };
    }
    if (status >= 300 && status < 400) {
      throw new LegacyIdsRunError(`GET ${url} answered HTTP ${status} (redirect to ${response.headers.get('location') ?? 'nowhere'}); not following it with the token`);
    }
    throw new LegacyIdsRunError(`GET ${url} failed with HTTP ${status}`);
  }
}
