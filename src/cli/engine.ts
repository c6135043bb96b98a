/**
 * The engine, loaded on first use: it pulls in the TypeScript parser (about half a second),
 * which a run over files that cannot match never needs. (A dynamic import: esbuild turns it
 * into a lazy require in dist/cli.js, and vitest can load the TypeScript sources directly.)
 */
import type * as Core from '../core/index';
import { mightMatch } from '../core/prefilter';

export type Engine = typeof Core;

let engine: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  return (engine ??= import('../core/index'));
}

/** The engine's cheap text test: a file for which it is false cannot produce a finding. No TypeScript. */
export async function loadPrefilter(): Promise<(text: string) => boolean> {
  return mightMatch;
}
