// The checkpoint: after every page, where the next page is and how many bytes of each output are committed.
// Written atomically (temporary file, fsync, rename), so a crash leaves the old checkpoint or the new one,
// never half of one. Holds no token.

import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LegacyIdsRunError } from './errors';

export interface CheckpointOutput {
  path: string;
  kind: string;
  /** Bytes of `<path>.part` that belong to committed pages; anything after them is dropped on resume. */
  bytes: number;
  /** Entries written (the JSON writer needs it for separators). */
  count: number;
}

export interface Checkpoint {
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
  sinks: CheckpointOutput[];
  updatedAt: string;
}

export const CHECKPOINT_TOOL = 'front-contacts legacy-ids';

/** Writes `text` to `path` so that a reader sees the old content or the new, never a mix. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
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

/** The checkpoint at `path`; undefined when there is none or it holds nothing (an empty file). */
export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LegacyIdsRunError(`cannot read checkpoint ${path}: ${(e as Error).message}`);
  }
  // An empty file (a run killed while creating it on a file system that does not keep the write) holds no progress.
  if (text.trim() === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LegacyIdsRunError(`checkpoint ${path} is not valid JSON; remove it or use --restart`);
  }
  const cp = data as Partial<Checkpoint>;
  if (cp.version !== 1 || cp.tool !== CHECKPOINT_TOOL || !Array.isArray(cp.sinks) || typeof cp.baseUrl !== 'string') {
    throw new LegacyIdsRunError(`checkpoint ${path} is not a legacy-ids checkpoint; remove it or use --restart`);
  }
  return cp as Checkpoint;
}

/** A checkpoint of a run that wrote no page yet: nothing to resume and nothing to lose. */
export function isEmptyCheckpoint(cp: Checkpoint): boolean {
  return cp.phase === 'running' && cp.pages === 0 && cp.contacts === 0 && cp.mappings === 0;
}

export async function writeCheckpoint(path: string, cp: Checkpoint): Promise<void> {
  try {
    await fsp.mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(cp, null, 2) + '\n');
  } catch (e) {
    throw new LegacyIdsRunError(`cannot write checkpoint ${path}: ${(e as Error).message}`);
  }
}
