/**
 * `front-contacts <command>`: dispatch and the one place that turns errors into exit codes.
 * bin/front-contacts.js calls main() from the bundle (dist/cli.js).
 */
import { ConfigError } from '../project/config';
import { UsageError } from './args';
import { CHECK_HELP, runCheck } from './check';
import { FIX_HELP, runFix } from './fix';
import { processIo, type Io } from './io';
import { runSimulate, SIMULATE_HELP } from './simulate';
import { cliLoadInfo } from './ts-load-info';
import type { CodeCacheState } from './code-cache';
import { TOOL_VERSION } from './version';

/** Called by bin/front-contacts.js: how it loaded this bundle (for --debug). */
export function setLoadInfo(info: { ms: number; cache: CodeCacheState }): void {
  Object.assign(cliLoadInfo, { loaded: true, ms: info.ms, cache: info.cache });
}

export const MAIN_HELP = `Usage: front-contacts <command> [options]

Finds and fixes code that breaks when Front migrates team contacts to company-wide contacts.

Commands:
  check [paths…]   report findings (text, json, sarif, github annotations or rdjson for reviewdog)
  fix [paths…]     apply safe fixes (--suggestions for suggestions too, --dry-run for a diff)
  legacy-ids       page GET /contacts and write the legacy id -> new id map
  simulate         serve Front's contact routes as they behave after the migration on 127.0.0.1,
                   and log what the migration does to each request your app sends

Options:
  -h, --help       show help (also: front-contacts <command> --help)
  -v, --version    show the version

Run \`front-contacts <command> --help\` for a command's options.
`;

type LegacyIds = typeof import('./legacy-ids').runLegacyIds;
type LegacyIdsStreams = Parameters<LegacyIds>[2];

function loadLegacyIds(): LegacyIds | undefined {
  try {
    // Loaded on demand: it is a separate tool with its own dependencies.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./legacy-ids') as typeof import('./legacy-ids')).runLegacyIds;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /legacy-ids/.test((e as Error).message)) return undefined;
    throw e;
  }
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'fix':
        return await runFix(rest, io);
      case 'legacy-ids': {
        const run = loadLegacyIds();
        if (!run) {
          io.stderr.write('front-contacts: legacy-ids is not available in this build\n');
          return 2;
        }
        // process streams in production; tests that pass their own streams pass real streams here too.
        return await run(rest, io.env, { stdout: io.stdout, stderr: io.stderr } as LegacyIdsStreams);
      }
      case 'simulate':
        return await runSimulate(rest, io);
      case '--version':
      case '-v':
        io.stdout.write(`${TOOL_VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        if (command === 'help' && rest[0] === 'check') io.stdout.write(CHECK_HELP);
        else if (command === 'help' && rest[0] === 'fix') io.stdout.write(FIX_HELP);
        else if (command === 'help' && rest[0] === 'simulate') io.stdout.write(SIMULATE_HELP);
        else (command === undefined ? io.stderr : io.stdout).write(MAIN_HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (expected check, fix, legacy-ids or simulate)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`front-contacts: ${e.message}\nRun \`front-contacts ${command === 'check' || command === 'fix' || command === 'simulate' ? command + ' ' : ''}--help\` for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`front-contacts: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`front-contacts: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
