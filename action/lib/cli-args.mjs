// The CLI arguments every step derives from the same inputs, so `check`, the review and `fix` look at the
// same files with the same settings (and the second `check` run is answered from the first one's cache).
import * as path from 'node:path';
import { input, listInput, runnerTemp } from './github.mjs';

/** `--config`, `--rule` and the paths, from the `config`, `rules` and `paths` inputs. */
export function selectionArgs() {
  const args = [];
  const config = input('config');
  if (config) args.push('--config', config);
  for (const rule of listInput('rules')) args.push('--rule', rule);
  const paths = listInput('paths', ['.']);
  // `--` keeps a path that starts with a dash a path.
  return [...args, '--', ...paths];
}

/** check's result cache, in the runner's temporary folder (never in the repository). */
export function cacheArgs() {
  return ['--cache', '--cache-location', path.join(runnerTemp(), 'front-contacts-cache.json')];
}
