// The legacy id export as a library: `front-contacts legacy-ids` (src/cli/legacy-ids.ts) is its command line.
//   run.ts           the run: pages, checkpoints, outputs
//   page-client.ts   one page over HTTP, with retries (retry-policy.ts: how long to wait)
//   pagination.ts    reading a page, the next page's URL, who may receive the token
//   checkpoint.ts    the resumable state, written atomically
//   output-files.ts  `<out>.part` files at committed offsets, renamed when done
//   formats.ts       CSV / JSON / JSON lines / SQL entry text;  sql.ts  the SQL template
export { LegacyIdsRunError, LegacyIdsUsageError } from './errors';
export { formatOfPath, type LegacyIdsOptions, type OutFormat } from './options';
export { LegacyIdsRun, type LegacyIdsRunContext } from './run';
export { ProgressLine } from './progress';
export { compileSqlTemplate, sqlLiteral, type SqlTemplate } from './sql';
