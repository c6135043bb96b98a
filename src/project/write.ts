/**
 * Writing a fixed file without ever leaving it half-written: the new text goes to a temporary
 * file in the same folder (same file system), is flushed to disk, takes the original's mode,
 * and replaces the original by rename. A file whose content changed since we read it is left
 * alone: the user (or their editor) wins.
 */
import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Our temporary files: `.<name>.front-contacts-<pid>-<random>.tmp`. Hidden, and never a source
 * extension, so discovery cannot mistake one for code even if a killed run leaves it behind.
 */
export const TEMP_FILE_PATTERN = /^\..+\.front-contacts-(\d+)-[0-9a-f]{8}\.tmp$/;

function tempFileFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.front-contacts-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // ours are created after discovery: one found now is stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left by runs that were killed between creating and renaming them
 * (their process is gone); a file of a run still going is left alone. Returns the removed files.
 */
export async function removeStaleTempFiles(files: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const f of files) {
    const m = TEMP_FILE_PATTERN.exec(path.basename(f));
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      await fsp.unlink(f);
      removed.push(f);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was read`);
  }
}

/**
 * The file is read-only: no write bit at all, or none that lets this user write it. Replacing it by rename
 * would only need the folder's permission, and would hand it a new owner: like ESLint and Prettier, we
 * do not write a file the user cannot write.
 */
export class ReadOnlyFileError extends Error {
  constructor(readonly file: string) {
    super(`${file} is read-only`);
  }
}

async function writableByUs(target: string, mode: number): Promise<boolean> {
  // Even root honours a file that has no write bit at all (chmod a-w): someone made it read-only on purpose.
  if ((mode & 0o222) === 0) return false;
  return fsp.access(target, fsConstants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Writes `content` over the file itself (same inode: owner, group, mode, hard links and ACLs stay), for a file
 * whose owner the temporary file could not take. Not atomic, so the content is checked once more first.
 */
async function writeInPlace(file: string, target: string, content: Uint8Array, before: { mtimeMs: number; size: number }): Promise<void> {
  const handle = await fsp.open(target, 'r+');
  try {
    const again = await handle.stat();
    if (again.mtimeMs !== before.mtimeMs || again.size !== before.size) throw new FileChangedError(file);
    await handle.truncate(0);
    let written = 0;
    while (written < content.length) written += (await handle.write(content, written, content.length - written, written)).bytesWritten;
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file`'s content with `content` if the file still holds exactly `expected`.
 * Symbolic links are followed: the link's target is rewritten, the link stays a link.
 * Mode and owner never change: a file this user cannot write is refused (ReadOnlyFileError), and a
 * file owned by someone else, which the temporary file cannot be given, is written in place.
 */
export async function writeFileAtomic(file: string, content: Uint8Array, expected: Uint8Array): Promise<void> {
  const target = await fsp.realpath(file);
  const before = await fsp.stat(target);
  const current = await fsp.readFile(target);
  if (!Buffer.from(current.buffer, current.byteOffset, current.byteLength).equals(expected)) throw new FileChangedError(file);
  const mode = before.mode & 0o7777;
  if (!(await writableByUs(target, mode))) throw new ReadOnlyFileError(file);

  const dir = path.dirname(target);
  const tmp = tempFileFor(target);
  let handle: fsp.FileHandle | undefined;
  let inPlace = false;
  try {
    handle = await fsp.open(tmp, 'wx', mode);
    await handle.writeFile(content);
    await handle.chmod(mode); // the umask may have narrowed it at creation
    const mine = typeof process.getuid === 'function' && process.getuid() === before.uid && process.getgid?.() === before.gid;
    if (!mine && typeof process.getuid === 'function') {
      // Root can give the temporary file the original's owner; others sometimes the group. Failing that,
      // a rename would change the file's owner: write the original in place instead.
      inPlace = !(await handle.chown(before.uid, before.gid).then(
        () => true,
        () => false,
      ));
    }
    if (inPlace) {
      await handle.close();
      handle = undefined;
      await fsp.unlink(tmp);
      await writeInPlace(file, target, content, before);
      return;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Last look: an editor may have saved while we were writing the temporary file.
    const again = await fsp.stat(target);
    if (again.mtimeMs !== before.mtimeMs || again.size !== before.size) throw new FileChangedError(file);
    await fsp.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    if (!inPlace) await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
  // Make the rename itself durable; not every platform lets us open a folder.
  const dirHandle = await fsp.open(dir, 'r').catch(() => undefined);
  await dirHandle?.sync().catch(() => undefined);
  await dirHandle?.close().catch(() => undefined);
}
