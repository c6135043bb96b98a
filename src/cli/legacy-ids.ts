// `front-contacts legacy-ids`: pages `GET /contacts` and writes the legacy -> new contact id map, so code
// that stored team-contact ids can rewrite them (Front's `_migration.legacy_ids`).
//
// Built to survive long runs: 429s (Retry-After, x-ratelimit-*), 5xx and dropped connections are retried
// with bounded exponential backoff; after every page the rows are appended to `<out>.part` and a checkpoint
// (next page URL + committed byte length of each output) is written atomically, so `--resume` truncates
// the partial output to what the checkpoint committed and continues with no duplicate and no missing row.
// The token is read from the environment and never printed, logged or written.

import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isFrontHost } from '../../packages/runtime/src/contact-route';
import { legacyIdsOf } from '../../packages/runtime/src/legacy';

export interface LegacyIdsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const HELP = `Usage: front-contacts legacy-ids --out FILE [options]

Pages GET /contacts on Front's Core API and writes one row per legacy contact id
(legacy_id,contact_id) for every contact that carries _migration.legacy_ids.

Options:
  --out FILE            output file; its extension picks the format: .csv, .json, .jsonl (required)
  --sql TEMPLATE        also write one SQL statement per migrated contact, from a template using
                        :newId and :legacyIds, e.g.
                        "UPDATE my_table SET front_contact_id = :newId WHERE front_contact_id IN (:legacyIds)"
                        (values are emitted as quoted SQL string literals)
  --sql-out FILE        where the SQL goes (default: the --out path with the extension .sql)
  --base-url URL        API base URL (default https://api2.frontapp.com)
  --token-env NAME      environment variable holding the API token (default FRONT_API_TOKEN)
  --checkpoint FILE     checkpoint file (default <out>.checkpoint.json)
  --resume              continue an interrupted run from its checkpoint
  --restart             discard an unfinished run's checkpoint and start over
  --allow-host HOST     also send the token to HOST (host[:port]) when _pagination.next points there;
                        repeatable. Hosts under frontapp.com are trusted when the base URL is one.
  --limit N             page size, 1..100 (default 100)
  --retries N           attempts per page after a 429, 5xx, timeout or dropped connection (default 10)
  --backoff-ms N        first backoff delay in ms, doubled per attempt, capped at 30 s (default 500)
  --max-wait SECONDS    longest single wait for a rate limit (default 300)
  --timeout SECONDS     per-request timeout (default 30)
  --quiet               no progress line
  -h, --help            show this help

Rows are written to <out>.part and renamed to <out> when the last page is done.
Exit codes: 0 done, 1 failed (the checkpoint allows --resume), 2 usage error.
`;

type OutFormat = 'csv' | 'json' | 'jsonl';

interface Options {
  out: string;
  format: OutFormat;
  sqlTemplate?: string;
  sqlOut?: string;
  baseUrl: string;
  tokenEnv: string;
  checkpoint: string;
  resume: boolean;
  restart: boolean;
  allowHosts: string[];
  limit: number;
  retries: number;
  backoffMs: number;
  maxWaitMs: number;
  timeoutMs: number;
  quiet: boolean;
}

class UsageError extends Error {}
class RunError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv: string[]): Options | 'help' {
  const values = new Map<string, string>();
  const allowHosts: string[] = [];
  const flags = new Set<string>();
  const withValue = new Set([
    'out', 'sql', 'sql-out', 'base-url', 'token-env', 'checkpoint', 'allow-host', 'limit', 'retries', 'backoff-ms', 'max-wait', 'timeout',
  ]);
  const boolean = new Set(['resume', 'restart', 'quiet', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (boolean.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!withValue.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === 'allow-host') allowHosts.push(value.toLowerCase());
    else values.set(name, value);
  }
  if (flags.has('help')) return 'help';

  const out = values.get('out');
  if (!out) throw new UsageError('--out FILE is required (.csv, .json or .jsonl)');
  const ext = extname(out).toLowerCase();
  const format: OutFormat | undefined = ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined;
  if (!format) throw new UsageError(`--out ${out}: unknown extension "${ext}" (use .csv, .json or .jsonl)`);

  const sqlTemplate = values.get('sql');
  let sqlOut = values.get('sql-out');
  if (sqlOut !== undefined && sqlTemplate === undefined) throw new UsageError('--sql-out needs --sql TEMPLATE');
  if (sqlTemplate !== undefined) {
    compileSqlTemplate(sqlTemplate); // reports template errors before anything is fetched
    sqlOut ??= out.slice(0, out.length - ext.length) + '.sql';
    if (sqlOut === out) throw new UsageError('--sql-out must differ from --out');
  }

  const baseUrl = (values.get('base-url') ?? 'https://api2.frontapp.com').replace(/\/+$/, '');
  let parsedBase: URL;
  try {
    parsedBase = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url ${baseUrl} is not a URL`);
  }
  if (parsedBase.protocol !== 'https:' && parsedBase.protocol !== 'http:') throw new UsageError('--base-url must be http(s)');
  if (parsedBase.search || parsedBase.hash) throw new UsageError('--base-url must not have a query or fragment');

  const int = (name: string, dflt: number, min: number, max: number): number => {
    const text = values.get(name);
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };

  if (flags.has('resume') && flags.has('restart')) throw new UsageError('--resume and --restart exclude each other');
  const tokenEnv = values.get('token-env') ?? 'FRONT_API_TOKEN';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) throw new UsageError(`--token-env ${tokenEnv} is not an environment variable name`);

  return {
    out,
    format,
    sqlTemplate,
    sqlOut,
    baseUrl,
    tokenEnv,
    checkpoint: values.get('checkpoint') ?? `${out}.checkpoint.json`,
    resume: flags.has('resume'),
    restart: flags.has('restart'),
    allowHosts,
    limit: int('limit', 100, 1, 100),
    retries: int('retries', 10, 0, 1000),
    backoffMs: int('backoff-ms', 500, 0, 600_000),
    maxWaitMs: int('max-wait', 300, 0, 86_400) * 1000,
    timeoutMs: int('timeout', 30, 1, 3600) * 1000,
    quiet: flags.has('quiet'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Output formats

interface Mapping {
  legacyId: string;
  contactId: string;
}

/** A way of writing the migrated contacts of one page: a header, per-contact text, a trailer. */
interface Format {
  header: string;
  trailer: string;
  /** Text for one migrated contact; `count` is the number of entries already written (for separators). */
  entries(contactId: string, legacyIds: string[], count: number): { text: string; count: number };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function rowFormat(kind: OutFormat): Format {
  const row = (m: Mapping, index: number): string => {
    switch (kind) {
      case 'csv':
        return `${csvField(m.legacyId)},${csvField(m.contactId)}\n`;
      case 'jsonl':
        return JSON.stringify({ legacy_id: m.legacyId, contact_id: m.contactId }) + '\n';
      case 'json':
        return (index > 0 ? ',' : '') + '\n  ' + JSON.stringify({ legacy_id: m.legacyId, contact_id: m.contactId });
    }
  };
  return {
    header: kind === 'csv' ? 'legacy_id,contact_id\n' : kind === 'json' ? '[' : '',
    trailer: kind === 'json' ? '\n]\n' : '',
    entries(contactId, legacyIds, count) {
      let text = '';
      for (const legacyId of legacyIds) text += row({ legacyId, contactId }, count++);
      return { text, count };
    },
  };
}

export interface SqlTemplate {
  render(newId: string, legacyIds: readonly string[]): string;
}

/** A standard SQL string literal. Refuses text that some dialects would read differently (backslash, control chars). */
export function sqlLiteral(value: string): string {
  if (/[\\\u0000-\u001f\u007f]/.test(value)) {
    throw new RunError(`refusing to put ${JSON.stringify(value)} into SQL: it contains a backslash or a control character`);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

const SQL_PLACEHOLDERS = ['newId', 'legacyIds'] as const;
type SqlPlaceholder = (typeof SQL_PLACEHOLDERS)[number];

/**
 * Splits a template into literal SQL and `:newId` / `:legacyIds` placeholders. Quoted strings,
 * quoted identifiers, comments and `::` casts are left alone, so only real placeholders are filled.
 */
export function compileSqlTemplate(template: string): SqlTemplate {
  const parts: Array<string | SqlPlaceholder> = [];
  let literal = '';
  let i = 0;
  let endsInLineComment = false;
  const skipQuoted = (quote: string) => {
    const start = i;
    i++;
    while (i < template.length) {
      if (template[i] === quote) {
        if (template[i + 1] === quote) {
          i += 2;
          continue;
        }
        i++;
        literal += template.slice(start, i);
        return;
      }
      i++;
    }
    throw new UsageError(`--sql: unterminated ${quote} quote in the template`);
  };
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      skipQuoted(ch);
    } else if (ch === '-' && template[i + 1] === '-') {
      const end = template.indexOf('\n', i);
      const stop = end === -1 ? template.length : end;
      endsInLineComment = end === -1;
      literal += template.slice(i, stop);
      i = stop;
    } else if (ch === '/' && template[i + 1] === '*') {
      const end = template.indexOf('*/', i + 2);
      if (end === -1) throw new UsageError('--sql: unterminated /* comment in the template');
      literal += template.slice(i, end + 2);
      i = end + 2;
    } else if (ch === ':' && template[i + 1] === ':') {
      literal += '::';
      i += 2;
    } else if (ch === ':' && /[A-Za-z_]/.test(template[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(template.slice(i + 1))!;
      const name = m[0];
      if (!(SQL_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw new UsageError(`--sql: unknown placeholder :${name} (use :newId and :legacyIds)`);
      }
      parts.push(literal, name as SqlPlaceholder);
      literal = '';
      i += 1 + name.length;
    } else {
      literal += ch;
      i++;
    }
  }
  parts.push(literal);
  for (const p of SQL_PLACEHOLDERS) {
    if (!parts.includes(p)) throw new UsageError(`--sql: the template must use :${p}`);
  }
  const last = parts.length - 1;
  parts[last] = (parts[last] as string).replace(/\s+$/, '');
  const terminated = (parts[last] as string).endsWith(';');
  // A template ending in a `--` comment needs the terminator on its own line.
  const terminator = terminated ? '' : endsInLineComment ? '\n;' : ';';
  return {
    render(newId, legacyIds) {
      let text = '';
      parts.forEach((part, index) => {
        if (index % 2 === 0) text += part;
        else text += part === 'newId' ? sqlLiteral(newId) : legacyIds.map(sqlLiteral).join(', ');
      });
      return text + terminator;
    },
  };
}

function sqlFormat(template: SqlTemplate): Format {
  return {
    header: '',
    trailer: '',
    entries(contactId, legacyIds, count) {
      return { text: template.render(contactId, legacyIds) + '\n', count: count + 1 };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Output files and checkpoint

/** One output: rows go to `<path>.part` at committed offsets; renamed to `path` at the end. */
interface Sink {
  path: string;
  kind: string;
  format: Format;
  handle?: FileHandle;
  bytes: number;
  count: number;
}

interface CheckpointSink {
  path: string;
  kind: string;
  bytes: number;
  count: number;
}

interface Checkpoint {
  version: 1;
  tool: 'front-contacts legacy-ids';
  baseUrl: string;
  sqlTemplate: string | null;
  /** The page to fetch next; null once every page is written. */
  next: string | null;
  /** 'running' while pages remain; 'finishing' while trailers are written and files renamed. */
  phase: 'running' | 'finishing';
  pages: number;
  contacts: number;
  mappings: number;
  sinks: CheckpointSink[];
  updatedAt: string;
}

const partPath = (path: string) => `${path}.part`;

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, path);
}

async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RunError(`cannot read checkpoint ${path}: ${(e as Error).message}`);
  }
  // An empty file (a run killed while creating it on a file system that does not keep the write) holds no progress.
  if (text.trim() === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RunError(`checkpoint ${path} is not valid JSON; remove it or use --restart`);
  }
  const cp = data as Partial<Checkpoint>;
  if (cp.version !== 1 || cp.tool !== 'front-contacts legacy-ids' || !Array.isArray(cp.sinks) || typeof cp.baseUrl !== 'string') {
    throw new RunError(`checkpoint ${path} is not a legacy-ids checkpoint; remove it or use --restart`);
  }
  return cp as Checkpoint;
}

/** A checkpoint of a run that wrote no page yet. */
function isEmptyCheckpoint(cp: Checkpoint): boolean {
  return cp.phase === 'running' && cp.pages === 0 && cp.contacts === 0 && cp.mappings === 0;
}

async function writeAt(sink: Sink, text: string): Promise<void> {
  if (!text) return;
  const data = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await sink.handle!.write(data, written, data.length - written, sink.bytes + written);
    written += bytesWritten;
  }
  sink.bytes += data.length;
}

// ---------------------------------------------------------------------------------------------------
// HTTP

const RESET_MARGIN_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds from `Retry-After` (delta seconds or an HTTP date), in ms. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Time until `x-ratelimit-reset`, which may be epoch seconds, epoch milliseconds or seconds from now. */
function rateLimitResetMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return n * 1000;
}

/** application/json, application/problem+json, application/vnd.x+json… */
function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

interface PageBody {
  results: unknown[];
  next: string | null;
}

function parsePage(data: unknown): PageBody | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const results = (data as { _results?: unknown })._results;
  const pagination = (data as { _pagination?: unknown })._pagination;
  if (!Array.isArray(results)) return undefined;
  let next: unknown = null;
  if (typeof pagination === 'object' && pagination !== null) next = (pagination as { next?: unknown }).next ?? null;
  if (next !== null && typeof next !== 'string') return undefined;
  return { results, next: next === '' ? null : next };
}

// ---------------------------------------------------------------------------------------------------
// The run

export async function runLegacyIds(argv: string[], env: NodeJS.ProcessEnv, io: LegacyIdsIo): Promise<number> {
  let options: Options;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    options = parsed;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`front-contacts legacy-ids: ${e.message}\nRun "front-contacts legacy-ids --help" for the options.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }

  const rawToken = env[options.tokenEnv];
  const token = rawToken?.trim();
  if (!token) {
    io.stderr.write(
      `front-contacts legacy-ids: environment variable ${options.tokenEnv} is empty or not set; put the Front API token there ` +
        `(read from the environment so it never shows in shell history or process lists)\n`,
    );
    return EXIT_USAGE;
  }
  // Anything this command prints goes through here: the token must never appear, whatever the message.
  const redact = (text: string) => text.split(token).join('[token]');
  const stderrIsTty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let progressShown = false;
  const say = (line: string) => {
    if (progressShown && stderrIsTty) io.stderr.write('\n');
    progressShown = false;
    io.stderr.write(redact(`front-contacts legacy-ids: ${line}`) + '\n');
  };

  const run = new LegacyIdsRun(options, token, say, io, stderrIsTty, () => {
    progressShown = true;
  });
  try {
    return await run.execute();
  } catch (e) {
    if (e instanceof UsageError) {
      say(e.message);
      return EXIT_USAGE;
    }
    const message = e instanceof RunError ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    say(message);
    await run.closeFiles();
    if (await run.discardIfNothingDone()) {
      // Nothing was fetched: leave no checkpoint behind, so the next run starts afresh without --resume.
    } else if (run.checkpointWritten) {
      say(`progress is saved in ${options.checkpoint}; run again with --resume to continue`);
    }
    return EXIT_FAILURE;
  } finally {
    await run.closeFiles();
  }
}

class LegacyIdsRun {
  checkpointWritten = false;
  /** True when this run created the checkpoint (as opposed to resuming one). */
  private fresh = false;
  private readonly sinks: Sink[];
  private readonly base: URL;
  private pages = 0;
  private contacts = 0;
  private mappings = 0;
  private readonly startedAt = Date.now();
  private contactsThisRun = 0;
  private lastProgress = 0;
  /** Set when the last answer said the rate-limit budget is spent: wait until then before the next request. */
  private rateLimitedUntil = 0;

  constructor(
    private readonly options: Options,
    private readonly token: string,
    private readonly say: (line: string) => void,
    private readonly io: LegacyIdsIo,
    private readonly stderrIsTty: boolean,
    private readonly onProgressShown: () => void,
  ) {
    this.base = new URL(options.baseUrl);
    this.sinks = [{ path: options.out, kind: options.format, format: rowFormat(options.format), bytes: 0, count: 0 }];
    if (options.sqlTemplate !== undefined && options.sqlOut !== undefined) {
      this.sinks.push({ path: options.sqlOut, kind: 'sql', format: sqlFormat(compileSqlTemplate(options.sqlTemplate)), bytes: 0, count: 0 });
    }
  }

  async execute(): Promise<number> {
    const { options } = this;
    if (this.base.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(this.base.hostname)) {
      this.say(`warning: ${this.base.origin} is plain http; the token travels unencrypted`);
    }
    const existing = await readCheckpoint(options.checkpoint);
    let next: string | null;
    let phase: Checkpoint['phase'] = 'running';
    if (existing && options.resume) {
      this.checkCompatible(existing);
      next = existing.next;
      phase = existing.phase;
      this.pages = existing.pages;
      this.contacts = existing.contacts;
      this.mappings = existing.mappings;
      await this.reopenForResume(existing);
      this.checkpointWritten = true;
      this.say(`resuming after ${count(existing.pages, 'page')}, ${count(existing.contacts, 'contact')}, ${count(existing.mappings, 'mapping')}`);
    } else {
      // A run stopped before its first page was written (killed, Ctrl-C) saved no progress: nothing to
      // resume and nothing to lose, so it must not block the next run.
      if (existing && !options.restart && isEmptyCheckpoint(existing)) {
        this.say(`${options.checkpoint} holds no progress (no page was written); starting from the first page`);
      } else if (existing && !options.restart) {
        throw new UsageError(
          `an unfinished run left ${options.checkpoint} (${count(existing.pages, 'page')} done); use --resume to continue it or --restart to start over`,
        );
      }
      if (options.resume) this.say(`no checkpoint at ${options.checkpoint}; starting from the first page`);
      next = `${options.baseUrl}/contacts?limit=${options.limit}`;
      this.fresh = true;
      await this.startFresh();
      await this.saveCheckpoint(next, 'running');
    }

    if (phase === 'running') {
      let current = next;
      while (current !== null) {
        // Checked before each request, not when the link arrives: the page that named a foreign host is
        // written and checkpointed first, so `--resume --allow-host HOST` continues where this run stopped.
        this.checkTrusted(current);
        const page = await this.fetchPage(current);
        const following = page.next === null ? null : this.resolveNextUrl(page.next, current);
        await this.writePage(page.results);
        this.pages++;
        await this.saveCheckpoint(following, 'running');
        this.progress(false);
        current = following;
      }
      for (const sink of this.sinks) {
        await writeAt(sink, sink.format.trailer);
        await sink.handle!.sync();
      }
      await this.saveCheckpoint(null, 'finishing');
    }
    await this.finish();
    this.progress(true);
    const outputs = this.sinks.map((s) => s.path).join(', ');
    this.say(`done: ${count(this.pages, 'page')}, ${count(this.contacts, 'contact')}, ${count(this.mappings, 'legacy id mapping')} -> ${outputs}`);
    return EXIT_OK;
  }

  private checkCompatible(cp: Checkpoint): void {
    const mismatch = (what: string) => {
      throw new UsageError(`${this.options.checkpoint} was written with a different ${what}; run with the same options, or use --restart`);
    };
    if (cp.baseUrl !== this.options.baseUrl) mismatch('--base-url');
    if ((cp.sqlTemplate ?? null) !== (this.options.sqlTemplate ?? null)) mismatch('--sql template');
    if (cp.sinks.length !== this.sinks.length) mismatch('set of outputs');
    cp.sinks.forEach((s, i) => {
      const sink = this.sinks[i]!;
      if (s.path !== sink.path || s.kind !== sink.kind) mismatch(`output (${s.path})`);
    });
  }

  private async startFresh(): Promise<void> {
    for (const sink of this.sinks) {
      try {
        sink.handle = await fsp.open(partPath(sink.path), 'w');
      } catch (e) {
        throw new RunError(`cannot write ${partPath(sink.path)}: ${(e as Error).message}`);
      }
      sink.bytes = 0;
      sink.count = 0;
      await writeAt(sink, sink.format.header);
      await sink.handle.sync();
    }
  }

  /** Cuts each partial output back to what the checkpoint committed: rows written after it are dropped. */
  private async reopenForResume(cp: Checkpoint): Promise<void> {
    for (const [i, sink] of this.sinks.entries()) {
      const saved = cp.sinks[i]!;
      sink.bytes = saved.bytes;
      sink.count = saved.count;
      const part = partPath(sink.path);
      let size: number;
      try {
        size = (await fsp.stat(part)).size;
      } catch (e) {
        // While finishing, a missing part file is one that was already renamed into place.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && cp.phase === 'finishing' && (await exists(sink.path))) continue;
        throw new RunError(`cannot resume: ${part} is missing (${(e as Error).message}); use --restart`);
      }
      if (size < saved.bytes) {
        throw new RunError(`cannot resume: ${part} has ${size} bytes but the checkpoint committed ${saved.bytes}; use --restart`);
      }
      sink.handle = await fsp.open(part, 'r+');
      await sink.handle.truncate(saved.bytes);
      await sink.handle.sync();
    }
  }

  private async saveCheckpoint(next: string | null, phase: Checkpoint['phase']): Promise<void> {
    const cp: Checkpoint = {
      version: 1,
      tool: 'front-contacts legacy-ids',
      baseUrl: this.options.baseUrl,
      sqlTemplate: this.options.sqlTemplate ?? null,
      next,
      phase,
      pages: this.pages,
      contacts: this.contacts,
      mappings: this.mappings,
      sinks: this.sinks.map((s) => ({ path: s.path, kind: s.kind, bytes: s.bytes, count: s.count })),
      updatedAt: new Date().toISOString(),
    };
    try {
      await writeFileAtomic(this.options.checkpoint, JSON.stringify(cp, null, 2) + '\n');
    } catch (e) {
      throw new RunError(`cannot write checkpoint ${this.options.checkpoint}: ${(e as Error).message}`);
    }
    this.checkpointWritten = true;
  }

  private async writePage(results: unknown[]): Promise<void> {
    const texts = this.sinks.map(() => '');
    for (const item of results) {
      this.contacts++;
      this.contactsThisRun++;
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== 'string' || id === '') {
        this.say(`warning: skipped a contact without a string id on page ${this.pages + 1}`);
        continue;
      }
      const legacyIds = legacyIdsOf(item as { id: string; _migration?: { legacy_ids?: string[] } });
      if (legacyIds.length === 0) continue;
      this.mappings += legacyIds.length;
      this.sinks.forEach((sink, i) => {
        const { text, count } = sink.format.entries(id, legacyIds, sink.count);
        texts[i] += text;
        sink.count = count;
      });
    }
    for (const [i, sink] of this.sinks.entries()) {
      await writeAt(sink, texts[i]!);
      await sink.handle!.sync();
    }
  }

  private async finish(): Promise<void> {
    for (const sink of this.sinks) {
      if (sink.handle) {
        await sink.handle.close();
        sink.handle = undefined;
      }
      try {
        await fsp.rename(partPath(sink.path), sink.path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new RunError(`cannot rename ${partPath(sink.path)} to ${sink.path}: ${(e as Error).message}`);
      }
    }
    await fsp.rm(this.options.checkpoint, { force: true });
  }

  /** A fresh run that failed before its first page leaves no files; says whether it cleaned up. */
  async discardIfNothingDone(): Promise<boolean> {
    if (!this.fresh || this.pages > 0) return false;
    await fsp.rm(this.options.checkpoint, { force: true });
    for (const sink of this.sinks) await fsp.rm(partPath(sink.path), { force: true });
    return true;
  }

  async closeFiles(): Promise<void> {
    for (const sink of this.sinks) {
      await sink.handle?.close().catch(() => undefined);
      sink.handle = undefined;
    }
  }

  /** `_pagination.next` as an absolute URL; the page that names itself as next would loop forever. */
  private resolveNextUrl(next: string, current: string): string {
    let url: URL;
    try {
      url = new URL(next, current);
    } catch {
      throw new RunError(`the API returned an invalid _pagination.next: ${JSON.stringify(next).slice(0, 200)}`);
    }
    if (url.href === current) throw new RunError(`the API named the page it just returned as the next page (${url.href}); stopping`);
    return url.href;
  }

  /** Only hosts we were told about get the token: the base URL's origin, Front's own hosts, --allow-host. */
  private checkTrusted(href: string): void {
    const url = new URL(href);
    const trusted =
      url.origin === this.base.origin ||
      (url.protocol === 'https:' && isFrontHost(url.hostname) && isFrontHost(this.base.hostname)) ||
      this.options.allowHosts.includes(url.host.toLowerCase());
    if (!trusted) {
      throw new RunError(
        `refusing to send the API token to ${url.origin} (named by _pagination.next); if that host is yours, pass --allow-host ${url.host}`,
      );
    }
  }

  private async fetchPage(url: string): Promise<PageBody> {
    const { options } = this;
    let attempt = 0;
    for (;;) {
      const wait = this.rateLimitedUntil - Date.now();
      if (wait > 0) {
        if (wait >= 1000) this.say(`rate limit budget spent; waiting ${(wait / 1000).toFixed(1)} s`);
        await sleep(Math.min(wait, options.maxWaitMs));
      }
      this.rateLimitedUntil = 0;

      let problem: string;
      let delay: number | undefined;
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const now = Date.now();
        const remaining = response.headers.get('x-ratelimit-remaining');
        const resetMs = rateLimitResetMs(response.headers.get('x-ratelimit-reset'), now);
        if (response.ok) {
          const text = await response.text();
          let data: unknown;
          try {
            data = JSON.parse(text);
          } catch {
            data = undefined;
          }
          const page = parsePage(data);
          if (page) {
            // Budget spent: wait for the reset (plus a little, for clock skew) rather than collect a 429.
            if (remaining !== null && Number(remaining) <= 0 && resetMs !== undefined) this.rateLimitedUntil = now + resetMs + RESET_MARGIN_MS;
            return page;
          }
          const contentType = response.headers.get('content-type');
          if (data === undefined && !isJsonContentType(contentType)) {
            // An HTML page (a login wall, a wrong host, a proxy's error page) comes back the same every time:
            // not worth ten retries over two minutes.
            throw new RunError(
              `GET ${url} answered HTTP ${response.status} with ${contentType ? contentType.split(';')[0]!.trim() : 'no content type'}, not JSON: ` +
                `this is not Front's Core API; check --base-url (default https://api2.frontapp.com, or https://<company>.api.frontapp.com)`,
            );
          }
          problem = `HTTP ${response.status} with a body that is not a contact list page`;
        } else {
          await response.body?.cancel().catch(() => undefined);
          const status = response.status;
          if (status === 401 || status === 403) {
            throw new RunError(
              `the API token was rejected (HTTP ${status} from ${new URL(url).host}); check the token in $${options.tokenEnv} and its scopes`,
            );
          }
          if (status === 429) {
            problem = 'HTTP 429 (rate limited)';
            delay = retryAfterMs(response.headers.get('retry-after'), now) ?? resetMs;
            if (delay !== undefined) delay = Math.min(delay, options.maxWaitMs);
          } else if (status >= 500) {
            problem = `HTTP ${status}`;
            const after = retryAfterMs(response.headers.get('retry-after'), now);
            if (after !== undefined) delay = Math.min(after, options.maxWaitMs);
          } else if (status >= 300 && status < 400) {
            throw new RunError(`GET ${url} answered HTTP ${status} (redirect to ${response.headers.get('location') ?? 'nowhere'}); not following it with the token`);
          } else {
            throw new RunError(`GET ${url} failed with HTTP ${status}`);
          }
        }
      } catch (e) {
        if (e instanceof RunError) throw e;
        const err = e as Error & { cause?: { code?: string; message?: string } };
        if (err.name === 'TimeoutError') problem = `no answer within ${options.timeoutMs / 1000} s`;
        else problem = `connection failed (${err.cause?.code ?? err.cause?.message ?? err.message})`;
      }

      attempt++;
      if (attempt > options.retries) {
        throw new RunError(`giving up on ${url} after ${count(attempt, 'attempt')}: ${problem}`);
      }
      if (delay === undefined) {
        const exp = Math.min(30_000, options.backoffMs * 2 ** (attempt - 1));
        delay = Math.round(exp / 2 + (Math.random() * exp) / 2);
      }
      this.say(`${problem}; retry ${attempt}/${options.retries} in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay);
    }
  }

  private progress(final: boolean): void {
    if (this.options.quiet) return;
    const now = Date.now();
    if (!final && !this.stderrIsTty && now - this.lastProgress < 1000 && this.pages > 1) return;
    if (final && !this.stderrIsTty) return; // the summary line follows
    this.lastProgress = now;
    const seconds = Math.max(0.001, (now - this.startedAt) / 1000);
    const rate = this.contactsThisRun / seconds;
    const line = `pages ${this.pages}, contacts ${this.contacts}, mappings ${this.mappings}, ${rate.toFixed(rate < 10 ? 1 : 0)} contacts/s`;
    if (this.stderrIsTty) {
      this.io.stderr.write(`\r\x1b[K${line}`);
      if (final) this.io.stderr.write('\n');
      else this.onProgressShown();
    } else {
      this.io.stderr.write(`front-contacts legacy-ids: ${line}\n`);
    }
  }
}

/** `1 page`, `3 pages`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
