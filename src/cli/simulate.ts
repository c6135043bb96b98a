// `front-contacts simulate`: Front's contact routes as they behave after the migration, on 127.0.0.1, for
// manual runs and for apps that are not tested with msw. Same answers as `front-contacts-runtime/testing`
// (packages/runtime/src/testing/front-model.ts).
//
// Two origins, because the interesting failures need a host change:
//   api2 origin  http://127.0.0.1:<port>      stands for https://api2.frontapp.com (point your code here)
//   api origin   http://127.0.0.1:<api-port>  stands for https://api.frontapp.com (every 301's Location)
// A client that follows the 301 therefore changes origin, drops Authorization like it would in production,
// and gets 401.
//
// Each request is logged with what the migration did to it. After a 301 the simulator watches for the
// client's follow-up (a request for the Location's path, from the same address, within --follow-window ms)
// and reports what the client made of the redirect: not followed, re-sent as another method (a write lost),
// Authorization dropped on the origin change (401), body dropped, or re-sent intact.

import { promises as fsp } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { FrontMigrationModel, type FrontMigrationOptions, type MigrationEffect } from '../../packages/runtime/src/testing/front-model';
import { flag, formatHelp, optionValue, optionValues, parseArgs, UsageError, type OptionSpec } from './args';
import type { Io } from './io';

export const SIMULATE_OPTIONS: readonly OptionSpec[] = [
  { name: 'seed', value: 'FILE', help: 'JSON seed: { "migrated": { "crd_old": "crd_new" }, "contacts": [...], "teams": [...],\n"rateLimit": { "limit": 100, "windowSeconds": 60 }, "token": "..." }' },
  { name: 'migrate', value: 'OLD=NEW', repeatable: true, help: 'a migrated contact: requests for OLD answer 301 to NEW' },
  { name: 'port', value: 'N', help: 'port of the api2 origin (default 0: any free port, printed)' },
  { name: 'api-port', value: 'N', help: 'port of the api origin the 301s point to (default 0: any free port, printed)' },
  { name: 'token', value: 'TOKEN', help: 'accept only `Authorization: Bearer TOKEN` (default: any Authorization)' },
  { name: 'rate-limit', value: 'N[/SECONDS]', help: 'answer 429 + Retry-After after N requests per window (default window 60 s)' },
  { name: 'follow-window', value: 'MS', help: 'how long after a 301 a request for its Location counts as the follow-up (default 1000)' },
  { name: 'json', help: 'log one JSON object per line instead of text' },
  { name: 'help', help: 'show this help' },
];

export const SIMULATE_HELP = formatHelp(
  'front-contacts simulate [--seed FILE] [--migrate OLD=NEW]… [--port N] [--api-port N]',
  `Serves Front's contact routes on 127.0.0.1 as they behave after the contacts migration, and logs what the
migration does to each request. Two origins:
  api2 origin  http://127.0.0.1:<port>      stands for https://api2.frontapp.com: point your app here
  api origin   http://127.0.0.1:<api-port>  stands for https://api.frontapp.com: where every 301 points
so a client that follows a 301 changes origin and drops Authorization, as it does against Front (401).
Requests without Authorization get 401. Stop with Ctrl-C.`,
  SIMULATE_OPTIONS,
);

/** What a client did with one 301. */
export type FollowOutcome =
  /** No request for the Location arrived within the follow window: the client got the 301. */
  | 'not-followed'
  /** Followed with another method (POST → GET): the write never happened. */
  | 'method-changed'
  /** Followed with the same method, without the Authorization the first request had: 401. */
  | 'auth-dropped'
  /** Re-sent with the same method and Authorization (the runtime helper does this). */
  | 'followed';

export interface SimulatedRequest {
  /** 1-based, in arrival order. */
  id: number;
  origin: 'api2' | 'api';
  method: string;
  /** Path and query. */
  path: string;
  hasAuthorization: boolean;
  bodyLength: number;
  status: number;
  effect: MigrationEffect;
  remoteAddress: string;
  at: number;
}

export interface RedirectReport {
  /** The request that got the 301. */
  request: SimulatedRequest;
  outcome: FollowOutcome;
  /** The follow-up request, when there was one. */
  followUp?: SimulatedRequest;
  /** The follow-up arrived at the other origin. */
  originChanged: boolean;
  /** The first request had Authorization, the follow-up did not. */
  authDropped: boolean;
  /** The first request had a body, the follow-up (same method) did not. */
  bodyDropped: boolean;
  methodChanged: boolean;
  /** The log line. */
  line: string;
}

export interface SimulatorOptions extends FrontMigrationOptions {
  port?: number;
  apiPort?: number;
  followWindowMs?: number;
  /** Called with each log line (no trailing newline). */
  log?: (line: string) => void;
  /** Log JSON lines instead of text. */
  json?: boolean;
}

export interface Simulator {
  /** Stands for https://api2.frontapp.com. */
  readonly api2Url: string;
  /** Stands for https://api.frontapp.com; every 301 points here. */
  readonly apiUrl: string;
  readonly model: FrontMigrationModel;
  readonly requests: SimulatedRequest[];
  readonly redirects: RedirectReport[];
  /** Resolves when every 301 so far has its report (waits out the follow window for unfollowed ones). */
  settled(): Promise<void>;
  /** Forget requests and reports (between tests). */
  reset(): void;
  close(): Promise<void>;
}

/** What was lost when a write was turned into a GET: named after the route. */
function lostWhat(method: string, path: string): string {
  const sub = /^\/contacts\/[^/]+(\/[^/?]*)?/.exec(path)?.[1] ?? '';
  if (sub === '/notes') return 'note lost';
  if (sub === '/handles') return method === 'DELETE' ? 'handle removal lost' : 'handle lost';
  if (sub === '' && method === 'DELETE') return 'delete lost';
  if (sub === '' && (method === 'PATCH' || method === 'PUT')) return 'update lost';
  return 'write lost';
}

function describeReport(r: Omit<RedirectReport, 'line'>): string {
  const first = `${r.request.method} ${r.request.path} → 301`;
  if (r.outcome === 'not-followed' || !r.followUp) return `${first} → not followed: the client got the 301`;
  const f = r.followUp;
  const where = r.originChanged ? ` to the ${f.origin} origin` : '';
  const lacks = [r.authDropped && 'Authorization', r.bodyDropped && 'its body'].filter(Boolean);
  const without = lacks.length ? ` without ${lacks.join(' and ')}` : '';
  const status = ` → ${f.status}`;
  const lost = lostWhat(r.request.method, r.request.path);
  if (r.methodChanged) return `${first} → client re-sent ${f.method}${where}${without}${status}: ${lost}`;
  if (r.authDropped) return `${first} → client followed${where}${without}${status}: Authorization dropped on the origin change${r.bodyDropped ? `, ${lost}` : ''}`;
  if (r.bodyDropped) return `${first} → client re-sent ${f.method}${where}${without}${status}: ${lost}`;
  return `${first} → client re-sent ${f.method} ${f.path}${where}${status}: ok`;
}

function describeRequest(r: SimulatedRequest): string {
  const e = r.effect;
  const why =
    e.kind === 'moved' ? ` (${e.oldId} migrated to ${e.newId}; Location ${e.location})`
    : e.kind === 'team-contacts' ? ` (deprecated /teams/${e.teamId}/contacts: answered like /contacts)`
    : e.kind === 'rate-limited' ? ` (rate limited; Retry-After ${e.retryAfter})`
    : e.kind === 'unauthorized' ? (e.reason === 'missing' ? ' (no Authorization)' : ' (wrong token)')
    : '';
  return `#${r.id} ${r.origin.padEnd(4)} ${r.method} ${r.path} → ${r.status}${why}`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const model = new FrontMigrationModel(options);
  const followWindowMs = options.followWindowMs ?? 1000;
  const log = options.log ?? (() => {});
  const requests: SimulatedRequest[] = [];
  const redirects: RedirectReport[] = [];
  interface Pending {
    request: SimulatedRequest;
    /** Path and query of the Location (on the api origin) and the same on the request's origin. */
    targetPath: string;
    timer: ReturnType<typeof setTimeout>;
    done: () => void;
  }
  let pending: Pending[] = [];
  const waiting = new Set<Promise<void>>();
  const urls = { api2: '', api: '' };
  let counter = 0;

  const report = (p: Pending, followUp: SimulatedRequest | undefined) => {
    clearTimeout(p.timer);
    pending = pending.filter((x) => x !== p);
    const r = p.request;
    const methodChanged = !!followUp && followUp.method !== r.method;
    const authDropped = !!followUp && r.hasAuthorization && !followUp.hasAuthorization;
    const bodyDropped = !!followUp && !methodChanged && r.bodyLength > 0 && followUp.bodyLength === 0;
    const outcome: FollowOutcome = !followUp ? 'not-followed' : methodChanged ? 'method-changed' : authDropped ? 'auth-dropped' : 'followed';
    const base = { request: r, outcome, followUp, originChanged: !!followUp && followUp.origin !== r.origin, authDropped, bodyDropped, methodChanged };
    const full: RedirectReport = { ...base, line: describeReport(base) };
    redirects.push(full);
    if (options.json) log(JSON.stringify({ type: 'redirect', outcome, request: r, followUp, line: full.line }));
    else log(full.line);
    p.done();
  };

  const onRequest = (origin: 'api2' | 'api', req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', urls[origin]);
    const answer = model.handle(
      { method: req.method ?? 'GET', url, header: (n) => { const v = req.headers[n]; return Array.isArray(v) ? v.join(', ') : v; }, body },
      urls.api,
    );
    const rec: SimulatedRequest = {
      id: ++counter,
      origin,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      hasAuthorization: !!req.headers.authorization,
      bodyLength: Buffer.byteLength(body),
      status: answer.status,
      effect: answer.effect,
      remoteAddress: req.socket.remoteAddress ?? '',
      at: Date.now(),
    };
    requests.push(rec);
    if (options.json) log(JSON.stringify({ type: 'request', ...rec }));
    else log(describeRequest(rec));

    // Is this the follow-up of an earlier 301? The oldest pending redirect to this path from this address.
    const followed = pending.find((p) => p.targetPath === rec.path && p.request.remoteAddress === rec.remoteAddress);
    if (followed) report(followed, rec);

    if (answer.effect.kind === 'moved') {
      const target = new URL(answer.effect.location);
      let done!: () => void;
      const settledOne = new Promise<void>((resolve) => (done = resolve));
      waiting.add(settledOne);
      void settledOne.then(() => waiting.delete(settledOne));
      const p: Pending = { request: rec, targetPath: target.pathname + target.search, timer: undefined as never, done };
      p.timer = setTimeout(() => report(p, undefined), followWindowMs);
      pending.push(p);
    }

    const text = answer.body === undefined || rec.method === 'HEAD' ? undefined : JSON.stringify(answer.body);
    for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
    res.statusCode = answer.status;
    if (text !== undefined) res.setHeader('content-type', 'application/json');
    res.end(text);
  };

  const serve = (origin: 'api2' | 'api') =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => onRequest(origin, req, res, Buffer.concat(chunks).toString('utf8')));
    });
  const api2Server = serve('api2');
  const apiServer = serve('api');
  const api2Port = await listen(api2Server, options.port ?? 0);
  let apiPort: number;
  try {
    apiPort = await listen(apiServer, options.apiPort ?? 0);
  } catch (e) {
    api2Server.close();
    throw e;
  }
  urls.api2 = `http://127.0.0.1:${api2Port}`;
  urls.api = `http://127.0.0.1:${apiPort}`;

  const closeServer = (s: Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });

  return {
    api2Url: urls.api2,
    apiUrl: urls.api,
    model,
    requests,
    redirects,
    async settled() {
      while (waiting.size) await Promise.all([...waiting]);
    },
    reset() {
      for (const p of pending) clearTimeout(p.timer), p.done();
      pending = [];
      requests.length = 0;
      redirects.length = 0;
    },
    async close() {
      for (const p of pending) clearTimeout(p.timer), p.done();
      pending = [];
      await Promise.all([closeServer(api2Server), closeServer(apiServer)]);
    },
  };
}

function parsePort(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${name} must be a port number (0-65535), got "${text}"`);
  return n;
}

/** The simulator's options from the command line: a seed file, then --migrate and the other flags on top. */
export async function simulatorOptionsFromArgs(argv: readonly string[], cwd: string): Promise<SimulatorOptions & { help?: boolean }> {
  const args = parseArgs(argv, SIMULATE_OPTIONS);
  if (flag(args, 'help')) return { migrated: {}, help: true };
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  let seed: FrontMigrationOptions = { migrated: {} };
  const seedFile = optionValue(args, 'seed');
  if (seedFile !== undefined) {
    let text: string;
    try {
      text = await fsp.readFile(resolvePath(cwd, seedFile), 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --seed ${seedFile}: ${(e as Error).message}`);
    }
    try {
      seed = JSON.parse(text) as FrontMigrationOptions;
    } catch (e) {
      throw new UsageError(`--seed ${seedFile} is not JSON: ${(e as Error).message}`);
    }
    if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) throw new UsageError(`--seed ${seedFile} must hold an object`);
    if (seed.migrated !== undefined && (typeof seed.migrated !== 'object' || seed.migrated === null || Array.isArray(seed.migrated)))
      throw new UsageError(`--seed ${seedFile}: "migrated" must map old ids to new ids`);
  }
  const migrated: Record<string, string> = { ...(seed.migrated ?? {}) };
  for (const pair of optionValues(args, 'migrate')) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!m) throw new UsageError(`--migrate takes OLD=NEW, got "${pair}"`);
    migrated[m[1]!] = m[2]!;
  }
  const out: SimulatorOptions = { ...seed, migrated, port: parsePort(optionValue(args, 'port'), 'port'), apiPort: parsePort(optionValue(args, 'api-port'), 'api-port') };
  const token = optionValue(args, 'token');
  if (token !== undefined) out.token = token;
  const rl = optionValue(args, 'rate-limit');
  if (rl !== undefined) {
    const m = /^(\d+)(?:\/(\d+(?:\.\d+)?))?$/.exec(rl);
    if (!m || Number(m[1]) < 1) throw new UsageError(`--rate-limit takes N or N/SECONDS, got "${rl}"`);
    out.rateLimit = { limit: Number(m[1]), windowSeconds: m[2] ? Number(m[2]) : undefined };
  }
  const fw = optionValue(args, 'follow-window');
  if (fw !== undefined) {
    const n = Number(fw);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--follow-window takes milliseconds, got "${fw}"`);
    out.followWindowMs = n;
  }
  if (flag(args, 'json')) out.json = true;
  return out;
}

/** Runs until SIGINT/SIGTERM (or `stop` resolves, for tests). */
export async function runSimulate(argv: readonly string[], io: Io, stop?: Promise<void>): Promise<number> {
  const options = await simulatorOptionsFromArgs(argv, io.cwd);
  if (options.help) {
    io.stdout.write(SIMULATE_HELP);
    return 0;
  }
  const sim = await startSimulator({ ...options, log: (line) => io.stdout.write(line + '\n') });
  const ids = Object.entries(options.migrated);
  io.stdout.write(
    [
      'front-contacts simulate: Front after the contacts migration',
      `  api2 origin ${sim.api2Url}  (stands for https://api2.frontapp.com: point your app's Front base URL here)`,
      `  api origin  ${sim.apiUrl}  (stands for https://api.frontapp.com: every 301's Location)`,
      `  migrated: ${ids.length ? ids.map(([o, n]) => `${o} → ${n}`).join(', ') : 'none (add --migrate OLD=NEW or --seed FILE)'}`,
      `  requests without Authorization${options.token !== undefined ? ' or with another token' : ''} get 401. Ctrl-C stops.`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void stop?.then(onSignal);
  });
  await sim.close();
  return 0;
}
