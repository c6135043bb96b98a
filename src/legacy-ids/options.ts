// What a legacy-ids run is told to do. The CLI builds it from arguments (src/cli/legacy-ids.ts); anything
// else that runs the export builds it directly.

import { extname } from 'node:path';

export type OutFormat = 'csv' | 'json' | 'jsonl';

export interface LegacyIdsOptions {
  /** The map's path; `formatOfPath` gives its format. */
  out: string;
  format: OutFormat;
  /** With `sqlOut`: one statement per migrated contact (see sql.ts). */
  sqlTemplate?: string;
  sqlOut?: string;
  /** API base URL without a trailing slash, e.g. https://api2.frontapp.com. */
  baseUrl: string;
  /** Where the token came from, named in messages (never the token itself). */
  tokenEnv: string;
  checkpoint: string;
  resume: boolean;
  restart: boolean;
  /** Extra hosts (host[:port], lower case) that may receive the token through `_pagination.next`. */
  allowHosts: string[];
  limit: number;
  retries: number;
  backoffMs: number;
  maxWaitMs: number;
  timeoutMs: number;
  quiet: boolean;
}

/** The output format an `--out` path asks for by its extension, or undefined. */
export function formatOfPath(path: string): OutFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}
