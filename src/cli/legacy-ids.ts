// `front-contacts legacy-ids`: the command line of the legacy id export (src/legacy-ids/). Pages
// `GET /contacts` and writes the legacy -> new contact id map, so code that stored team-contact ids can
// rewrite them (Front's `_migration.legacy_ids`). This layer parses the arguments, reads the token from the
// environment (never printed, logged or written: every line goes through a redaction) and turns the run's
// outcome into an exit code.

import { extname } from 'node:path';
import {
  compileSqlTemplate,
  formatOfPath,
  LegacyIdsRun,
  LegacyIdsRunError,
  LegacyIdsUsageError,
  ProgressLine,
  type LegacyIdsOptions,
} from '../legacy-ids';

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

function parseArgs(argv: string[]): LegacyIdsOptions | 'help' {
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
    if (!arg.startsWith('--')) throw new LegacyIdsUsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (boolean.has(name)) {
      if (eq !== -1) throw new LegacyIdsUsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!withValue.has(name)) throw new LegacyIdsUsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new LegacyIdsUsageError(`--${name} needs a value`);
    if (name === 'allow-host') allowHosts.push(value.toLowerCase());
    else values.set(name, value);
  }
  if (flags.has('help')) return 'help';

  const out = values.get('out');
  if (!out) throw new LegacyIdsUsageError('--out FILE is required (.csv, .json or .jsonl)');
  const ext = extname(out).toLowerCase();
  const format = formatOfPath(out);
  if (!format) throw new LegacyIdsUsageError(`--out ${out}: unknown extension "${ext}" (use .csv, .json or .jsonl)`);

  const sqlTemplate = values.get('sql');
  let sqlOut = values.get('sql-out');
  if (sqlOut !== undefined && sqlTemplate === undefined) throw new LegacyIdsUsageError('--sql-out needs --sql TEMPLATE');
  if (sqlTemplate !== undefined) {
    compileSqlTemplate(sqlTemplate); // reports template errors before anything is fetched
    sqlOut ??= out.slice(0, out.length - ext.length) + '.sql';
    if (sqlOut === out) throw new LegacyIdsUsageError('--sql-out must differ from --out');
  }

  const baseUrl = (values.get('base-url') ?? 'https://api2.frontapp.com').replace(/\/+$/, '');
  let parsedBase: URL;
  try {
    parsedBase = new URL(baseUrl);
  } catch {
    throw new LegacyIdsUsageError(`--base-url ${baseUrl} is not a URL`);
  }
  if (parsedBase.protocol !== 'https:' && parsedBase.protocol !== 'http:') throw new LegacyIdsUsageError('--base-url must be http(s)');
  if (parsedBase.search || parsedBase.hash) throw new LegacyIdsUsageError('--base-url must not have a query or fragment');

  const int = (name: string, dflt: number, min: number, max: number): number => {
    const text = values.get(name);
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new LegacyIdsUsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };

  if (flags.has('resume') && flags.has('restart')) throw new LegacyIdsUsageError('--resume and --restart exclude each other');
  const tokenEnv = values.get('token-env') ?? 'FRONT_API_TOKEN';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) throw new LegacyIdsUsageError(`--token-env ${tokenEnv} is not an environment variable name`);

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

export async function runLegacyIds(argv: string[], env: NodeJS.ProcessEnv, io: LegacyIdsIo): Promise<number> {
  let options: LegacyIdsOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    options = parsed;
  } catch (e) {
    if (e instanceof LegacyIdsUsageError) {
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
  const progress = new ProgressLine(io.stderr, stderrIsTty, options.quiet, () => {
    progressShown = true;
  });

  const run = new LegacyIdsRun(options, { token, say, progress });
  try {
    await run.execute();
    return EXIT_OK;
  } catch (e) {
    if (e instanceof LegacyIdsUsageError) {
      say(e.message);
      return EXIT_USAGE;
    }
    const message = e instanceof LegacyIdsRunError ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
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

