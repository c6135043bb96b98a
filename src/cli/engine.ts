/**
 * The engine, loaded on first use: it pulls in the TypeScript parser (about half a second),
 * which a run over files that cannot match never needs.
 */
import type * as Core from '../core/index';

export type Engine = typeof Core;

let engine: Engine | undefined;

export function loadEngine(): Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('../core/index') as Engine);
}

/** The engine's cheap text test: a file for which it is false cannot produce a finding. */
export function loadPrefilter(): (text: string) => boolean {
  return loadEngine().mightMatch;
}
