/**
 * Writing a fixed file without ever leaving it half-written: the new text goes to a temporary
 * file in the same folder (same file system), is flushed to disk, takes the original's mode,
 * and replaces the original by rename. A file whose content changed since we read it is left
 * alone: the user (or their editor) wins.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was read`);
  }
}

/**
 * Replaces `file`'s content with `content` if the file still holds exactly `expected`.
 * Symbolic links are followed: the link's target is rewritten, the link stays a link.
 */
export async function writeFileAtomic(file: string, content: Uint8Array, expected: Uint8Array): Promise<void> {
  const target = await fsp.realpath(file);
  const before = await fsp.stat(target);
  const current = await fsp.readFile(target);
  if (!Buffer.from(current.buffer, current.byteOffset, current.byteLength).equals(expected)) throw new FileChangedError(file);

  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.front-contacts-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = before.mode & 0o7777;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(tmp, 'wx', mode);
    await handle.writeFile(content);
    await handle.chmod(mode); // the umask may have narrowed it at creation
    if (typeof process.getuid === 'function' && process.getuid() === 0) await handle.chown(before.uid, before.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Last look: an editor may have saved while we were writing the temporary file.
    const again = await fsp.stat(target);
    if (again.mtimeMs !== before.mtimeMs || again.size !== before.size) throw new FileChangedError(file);
    await fsp.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
  // Make the rename itself durable; not every platform lets us open a folder.
  const dirHandle = await fsp.open(dir, 'r').catch(() => undefined);
  await dirHandle?.sync().catch(() => undefined);
  await dirHandle?.close().catch(() => undefined);
}
