// One output of a run (the id map, the SQL). Entries are written to `<path>.part` at known offsets and
// synced; the checkpoint records how many bytes are committed, so a resumed run cuts the file back to that
// and continues. Only a finished run renames `<path>.part` to `<path>`: nothing half-written ever carries
// the final name.

import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointOutput } from './checkpoint';
import { LegacyIdsRunError } from './errors';
import type { EntryWriter } from './formats';

export const partPath = (path: string): string => `${path}.part`;

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.stat(path);
    return true;
  } catch {
    return false;
  }
}

export class OutputFile {
  private handle?: FileHandle;
  /** Bytes of the part file written so far (committed once the checkpoint says so). */
  bytes = 0;
  /** Entries written so far. */
  count = 0;

  constructor(
    readonly path: string,
    readonly kind: string,
    readonly writer: EntryWriter,
  ) {}

  /** Starts `<path>.part` afresh with the writer's header; creates the folder when it is missing. */
  async start(): Promise<void> {
    const part = partPath(this.path);
    try {
      await fsp.mkdir(dirname(part), { recursive: true });
      this.handle = await fsp.open(part, 'w');
    } catch (e) {
      throw new LegacyIdsRunError(`cannot write ${part}: ${(e as Error).message}`);
    }
    this.bytes = 0;
    this.count = 0;
    await this.append(this.writer.header);
    await this.sync();
  }

  /**
   * Reopens `<path>.part` at what `saved` committed; rows written after it are dropped. While finishing,
   * a part file already renamed into place needs nothing.
   */
  async resume(saved: CheckpointOutput, finishing: boolean): Promise<void> {
    this.bytes = saved.bytes;
    this.count = saved.count;
    const part = partPath(this.path);
    let size: number;
    try {
      size = (await fsp.stat(part)).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && finishing && (await exists(this.path))) return;
      throw new LegacyIdsRunError(`cannot resume: ${part} is missing (${(e as Error).message}); use --restart`);
    }
    if (size < saved.bytes) {
      throw new LegacyIdsRunError(`cannot resume: ${part} has ${size} bytes but the checkpoint committed ${saved.bytes}; use --restart`);
    }
    this.handle = await fsp.open(part, 'r+');
    await this.handle.truncate(saved.bytes);
    await this.handle.sync();
  }

  /** Writes `text` at the end of what was written (positional writes: no dependence on the file offset). */
  async append(text: string): Promise<void> {
    if (!text) return;
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle!.write(data, written, data.length - written, this.bytes + written);
      written += bytesWritten;
    }
    this.bytes += data.length;
  }

  async sync(): Promise<void> {
    await this.handle?.sync();
  }

  /** What the checkpoint records for this output. */
  committed(): CheckpointOutput {
    return { path: this.path, kind: this.kind, bytes: this.bytes, count: this.count };
  }

  /** Closes and renames `<path>.part` to `<path>` (already done when the part file is gone). */
  async finish(): Promise<void> {
    await this.close();
    try {
      await fsp.rename(partPath(this.path), this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new LegacyIdsRunError(`cannot rename ${partPath(this.path)} to ${this.path}: ${(e as Error).message}`);
      }
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  /** Removes the part file (a fresh run that fetched nothing leaves no files). */
  async discard(): Promise<void> {
    await this.close();
    await fsp.rm(partPath(this.path), { force: true });
  }
}
