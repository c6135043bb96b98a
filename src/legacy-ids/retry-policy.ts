// How long to wait before asking again: `Retry-After`, `x-ratelimit-reset`, and bounded exponential backoff
// with jitter for failures that say nothing. Pure functions of the headers and the clock.

/** Added to a rate-limit reset so a clock a little behind the server's does not collect a 429. */
export const RESET_MARGIN_MS = 100;

/** Longest backoff between two attempts, however many failed. */
export const MAX_BACKOFF_MS = 30_000;

/** `Retry-After` (delta seconds or an HTTP date) in ms from `now`. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Time until `x-ratelimit-reset`, which may be epoch seconds, epoch milliseconds or seconds from now. */
export function rateLimitResetMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return n * 1000;
}

/**
 * The wait before retry number `attempt` (1-based): `backoffMs` doubled per attempt, capped, and jittered
 * into its upper half so many clients that failed together do not retry together. `random` is in [0, 1).
 */
export function backoffMs(attempt: number, firstMs: number, random: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, firstMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random * exp) / 2);
}

/** application/json, application/problem+json, application/vnd.x+json, text/json. */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}
