/**
 * Reading source files once, with bounded concurrency, turning every way a file can be
 * unusable (missing, unreadable, binary, not UTF-8) into a message instead of an exception.
 */
import { promises as fsp } from 'node:fs';
import { mapLimit } from './limit';

export const BOM = '\ufeff';

export type Decoded = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text of a source file: binary (a NUL byte in the first 8 KB) and invalid UTF-8 are refused. */
export function decodeSource(bytes: Uint8Array): Decoded {
  const head = bytes.subarray(0, 8192);
  if (head.indexOf(0) >= 0) return { ok: false, reason: 'skipped: binary file' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'skipped: not valid UTF-8 text' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

export interface SourceFile {
  file: string;
  /** The text the engine sees (without BOM); undefined when the file is unusable. */
  text?: string;
  bom: boolean;
  /** Modification time when read, to notice edits made while we ran. */
  mtimeMs: number;
  /** Why the file could not be used. */
  problem?: string;
}

async function readErrorMessage(file: string, e: NodeJS.ErrnoException): Promise<string> {
  switch (e.code) {
    case 'ENOENT': {
      const isLink = await fsp.lstat(file).then(
        (l) => l.isSymbolicLink(),
        () => false,
      );
      return isLink ? 'cannot read: broken symbolic link' : 'cannot read: file not found';
    }
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'EISDIR':
      return 'cannot read: is a directory';
    case 'ELOOP':
      return 'cannot read: symbolic link loop';
    default:
      return `cannot read: ${e.code ?? ''} ${e.message}`.trim();
  }
}

export async function readSourceFile(file: string): Promise<SourceFile> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) return { file, bom: false, mtimeMs: st.mtimeMs, problem: 'cannot read: is a directory' };
    const bytes = await handle.readFile();
    const decoded = decodeSource(bytes);
    if (!decoded.ok) return { file, bom: false, mtimeMs: st.mtimeMs, problem: decoded.reason };
    return { file, text: decoded.text, bom: decoded.bom, mtimeMs: st.mtimeMs };
  } catch (e) {
    return { file, bom: false, mtimeMs: 0, problem: await readErrorMessage(file, e as NodeJS.ErrnoException) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads every file with at most `concurrency` reads in flight; results keep input order. */
export function readSourceFiles(files: readonly string[], concurrency = 32): Promise<SourceFile[]> {
  return mapLimit(files, concurrency, (f) => readSourceFile(f));
}
