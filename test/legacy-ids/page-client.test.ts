// One page over HTTP, with the network, the clock and the waiting replaced: which answers are retried and
// after how long, which fail at once, and what the user is told. (cli.test.ts runs the same against a real
// server on 127.0.0.1.)

import { describe, expect, it } from 'vitest';
import { LegacyIdsRunError } from '../../src/legacy-ids/errors';
import { PageClient } from '../../src/legacy-ids/page-client';
import { backoffMs, isJsonContentType, rateLimitResetMs, retryAfterMs } from '../../src/legacy-ids/retry-policy';

const TOKEN = 'tok_unit_secret';
const URL_1 = 'https://api2.frontapp.com/contacts?limit=100';
const PAGE = { _results: [{ id: 'crd_a' }], _pagination: { next: null } };

type Answer = Response | Error;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A client over scripted answers; records requests, waits and messages. */
function scripted(answers: Answer[], options: { retries?: number; backoffMs?: number; maxWaitMs?: number; now?: number } = {}) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const waits: number[] = [];
  const said: string[] = [];
  let now = options.now ?? 1_700_000_000_000;
  const client = new PageClient({
    token: TOKEN,
    tokenEnv: 'FRONT_API_TOKEN',
    retries: options.retries ?? 10,
    backoffMs: options.backoffMs ?? 500,
    maxWaitMs: options.maxWaitMs ?? 300_000,
    timeoutMs: 30_000,
    say: (line) => said.push(line),
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer left');
      if (answer instanceof Error) throw answer;
      return answer;
    }) as typeof fetch,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    now: () => now,
    random: () => 0.5,
  });
  return { client, requests, waits, said };
}

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date, x-ratelimit-reset as epoch s, epoch ms or seconds from now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(rateLimitResetMs(String(now / 1000 + 4), now)).toBe(4000);
    expect(rateLimitResetMs(String(now + 250), now)).toBe(250);
    expect(rateLimitResetMs('7', now)).toBe(7000);
    expect(rateLimitResetMs('-1', now)).toBeUndefined();
  });

  it('backs off exponentially with jitter in the upper half, capped at 30 s', () => {
    expect([1, 2, 3].map((a) => backoffMs(a, 500, 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((a) => backoffMs(a, 500, 0.999999))).toEqual([500, 1000, 2000]);
    expect(backoffMs(20, 500, 0.999999)).toBe(30_000);
    expect(backoffMs(20, 500, 0)).toBe(15_000);
  });

  it('knows JSON content types', () => {
    for (const t of ['application/json', 'application/json; charset=utf-8', 'application/problem+json', 'text/json']) expect(isJsonContentType(t)).toBe(true);
    for (const t of ['text/html', 'text/plain', null]) expect(isJsonContentType(t)).toBe(false);
  });
});

describe('page client', () => {
  it('sends the token, accepts JSON and never follows a redirect; returns the page', async () => {
    const { client, requests } = scripted([json(PAGE)]);
    expect(await client.fetchPage(URL_1)).toEqual({ results: [{ id: 'crd_a' }], next: null });
    expect(requests[0]!.init.redirect).toBe('manual');
    expect(new Headers(requests[0]!.init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('retries 429, 5xx, a dropped connection and a JSON body that is not a page, waiting as asked', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const { client, waits, said } = scripted([
      json({}, 429, { 'retry-after': '3' }),
      json({}, 503),
      reset,
      json({ unexpected: true }),
      json({}, 429, { 'x-ratelimit-reset': '2' }),
      json(PAGE),
    ]);
    expect((await client.fetchPage(URL_1)).results).toHaveLength(1);
    // backoff (random 0.5): three quarters of 500 ms doubled per attempt; the server's asked waits as given
    expect(waits).toEqual([3000, 750, 1500, 3000, 2000]);
    expect(said).toEqual([
      'HTTP 429 (rate limited); retry 1/10 in 3.0 s',
      'HTTP 503; retry 2/10 in 0.8 s',
      'connection failed (ECONNRESET); retry 3/10 in 1.5 s',
      'HTTP 200 with a body that is not a contact list page; retry 4/10 in 3.0 s',
      'HTTP 429 (rate limited); retry 5/10 in 2.0 s',
    ]);
  });

  it('caps a rate-limit wait at --max-wait and gives up after --retries with the last problem', async () => {
    const { client, waits } = scripted([json({}, 429, { 'retry-after': '3600' }), json({}, 502), json({}, 502)], { retries: 2, maxWaitMs: 5000 });
    await expect(client.fetchPage(URL_1)).rejects.toThrow(`giving up on ${URL_1} after 3 attempts: HTTP 502`);
    expect(waits).toEqual([5000, 750]);
  });

  it('waits for the reset before the next request when the budget is spent, instead of collecting a 429', async () => {
    const { client, requests, waits } = scripted([json(PAGE, 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1.5' }), json(PAGE)]);
    await client.fetchPage(URL_1);
    expect(waits).toEqual([]);
    await client.fetchPage(URL_1);
    expect(waits).toEqual([1600]);
    expect(requests).toHaveLength(2);
  });

  it('fails at once, without retrying, on a rejected token, a redirect, a 404 and an HTML 200', async () => {
    const cases: Array<[Response, RegExp]> = [
      [json({}, 401), /API token was rejected \(HTTP 401 from api2\.frontapp\.com\); check the token in \$FRONT_API_TOKEN/],
      [new Response(null, { status: 301, headers: { location: 'https://api.frontapp.com/contacts' } }), /HTTP 301 \(redirect to https:\/\/api\.frontapp\.com\/contacts\); not following it with the token/],
      [json({}, 404), /failed with HTTP 404/],
      [new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }), /answered HTTP 200 with text\/html, not JSON: .*check --base-url/],
    ];
    for (const [answer, message] of cases) {
      const { client, requests, waits } = scripted([answer, json(PAGE)]);
      const failure = client.fetchPage(URL_1);
      await expect(failure).rejects.toThrow(LegacyIdsRunError);
      await expect(failure).rejects.toThrow(message);
      expect(requests).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });
});
