/**
 * Reading source files once, with bounded concurrency, turning every way a file can be
 * unusable (missing, unreadable, binary, not UTF-8) into a message instead of an exception.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fsp, readFile, readSync } from 'node:fs';

export const BOM = '\ufeff';

export type Decoded = { ok: true; text: string; bom: boolean; lossy?: true } | { ok: false; reason: string };

const utf8Replacing = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Why a file whose bytes are not all valid UTF-8 is analysed but never written. */
export const LOSSY_NOT_WRITTEN = 'not written: not valid UTF-8 text (its invalid bytes were read as U+FFFD; writing it would replace them)';

/**
 * Text of a source file: binary (a NUL byte in the first 8 KB) is refused. Invalid UTF-8 is refused too,
 * unless `lossy`: then the invalid bytes become U+FFFD (one Latin-1 byte in a comment should not hide
 * the file's findings) and the result says `lossy`, so nobody writes that text back over the file.
 */
export function decodeSource(bytes: Uint8Array, options: { lossy?: boolean } = {}): Decoded {
  const head = bytes.subarray(0, 8192);
  if (head.indexOf(0) >= 0) return { ok: false, reason: 'skipped: binary file' };
  let text: string;
  let lossy = false;
  // Most source files are ASCII: Latin-1 decoding gives the same string as UTF-8 by a plain copy, and valid
  // UTF-8 is checked and decoded by Node's SIMD routines; TextDecoder is several times slower on either.
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buf)) text = buf.toString('latin1');
  else if (isUtf8(buf)) text = buf.toString('utf8');
  else {
    if (!options.lossy) return { ok: false, reason: 'skipped: not valid UTF-8 text' };
    text = utf8Replacing.decode(bytes);
    lossy = true;
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  const decoded: Decoded = { ok: true, text: bom ? text.slice(1) : text, bom };
  if (lossy) decoded.lossy = true;
  return decoded;
}

export interface SourceFile {
  file: string;
  /** The text the engine sees (without BOM); undefined when the file is unusable. */
  text?: string;
  bom: boolean;
  /** Why the file could not be used. */
  problem?: string;
  /** Read with ReadOptions.lossy and not valid UTF-8: `text` has U+FFFD for the bad bytes; never write it back. */
  lossy?: boolean;
  /** sha1 (hex) of the bytes read, when asked for (the result cache); set for unusable files too. */
  hash?: string;
  /** Readable, but its text was not kept (ReadOptions.keep): what `summary` said of it. */
  dropped?: string[];
  /** Readable, text not kept: what each of ReadOptions.marks said of the text, by name. */
  marks?: Record<string, boolean>;
}

/** The content hash the result cache keys files by: sha1 of the bytes on disk. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
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

function toSourceFile(file: string, bytes: Uint8Array, hash: boolean, lossy: boolean): SourceFile {
  const decoded = decodeSource(bytes, { lossy });
  const result: SourceFile = decoded.ok ? { file, text: decoded.text, bom: decoded.bom } : { file, bom: false, problem: decoded.reason };
  if (decoded.ok && decoded.lossy) result.lossy = true;
  if (hash) result.hash = contentHash(bytes);
  return result;
}

export interface ReadOptions {
  /** Also compute each file's content hash (SourceFile.hash). */
  hash?: boolean;
  /** Decode invalid UTF-8 with replacement characters instead of refusing the file (SourceFile.lossy). */
  lossy?: boolean;
  /**
   * Keep the text only of files that pass this test; of the others keep `summary(text)` (their import
   * specifiers), so a big repository is never held in memory at once.
   */
  keep?: (text: string) => boolean;
  summary?: (text: string) => string[];
  /** Of a file whose text is not kept: named tests on the text, remembered as SourceFile.marks. */
  marks?: Record<string, (text: string) => boolean>;
  /**
   * Read on the calling thread instead of through libuv's thread pool. For a command-line run that has nothing
   * else to do meanwhile, thousands of small files read about twice as fast this way (bench/floor.mjs step
   * "+ read all files"); never for the editor, which must not block.
   */
  sync?: boolean;
}

/** The whole file read into `scratch.buffer` (grown when too small); the returned view is valid until the next read. */
function readIntoScratch(file: string, scratch: { buffer: Buffer }): Buffer {
  const fd = openSync(file, 'r');
  try {
    let size = fstatSync(fd).size;
    if (scratch.buffer.length < size + 1) scratch.buffer = Buffer.allocUnsafe(Math.max(size + 1, scratch.buffer.length * 2));
    // The size fstat gave, in one read, as Node's readFileSync does (no second read only to find the end: a
    // syscall per file). A size of 0 (/proc-like files) or a short read (the file shrank meanwhile) reads on to the end.
    let n = 0;
    if (size > 0) {
      n = readSync(fd, scratch.buffer, 0, size, null);
      if (n === size && n < scratch.buffer.length) return scratch.buffer.subarray(0, n);
    }
    for (;;) {
      if (n === scratch.buffer.length) {
        const bigger = Buffer.allocUnsafe(scratch.buffer.length * 2);
        scratch.buffer.copy(bigger, 0, 0, n);
        scratch.buffer = bigger;
      }
      const got = readSync(fd, scratch.buffer, n, scratch.buffer.length - n, null);
      if (got === 0) break;
      n += got;
    }
    size = n;
    return scratch.buffer.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

export async function readSourceFile(file: string, options: ReadOptions = {}): Promise<SourceFile> {
  try {
    return toSourceFile(file, await fsp.readFile(file), options.hash === true, options.lossy === true);
  } catch (e) {
    return { file, bom: false, problem: await readErrorMessage(file, e as NodeJS.ErrnoException) };
  }
}

/**
 * Reads every file with at most `concurrency` reads in flight (or one after the other on this thread with
 * `sync`); results keep input order. (Callback fs.readFile: for thousands of small files it is several times
 * faster than the promise API.)
 */
export function readSourceFiles(files: readonly string[], concurrency = 64, options: ReadOptions = {}): Promise<SourceFile[]> {
  const hash = options.hash === true;
  const results = new Array<SourceFile>(files.length);
  const failures: Promise<void>[] = [];
  const settle = (i: number, bytes: Buffer): void => {
    const r = toSourceFile(files[i], bytes, hash, options.lossy === true);
    if (r.text !== undefined && options.keep && !options.keep(r.text)) {
      r.dropped = options.summary ? options.summary(r.text) : [];
      if (options.marks) {
        const marks: Record<string, boolean> = {};
        for (const name in options.marks) marks[name] = options.marks[name](r.text);
        r.marks = marks;
      }
      r.text = undefined;
    }
    results[i] = r;
  };
  const fail = (i: number, err: NodeJS.ErrnoException): void => {
    failures.push(readErrorMessage(files[i], err).then((problem) => void (results[i] = { file: files[i], bom: false, problem })));
  };
  if (options.sync) {
    // One buffer for every file (nothing keeps the bytes: the text is a copy): thousands of reads allocate nothing.
    const scratch = { buffer: Buffer.allocUnsafe(256 * 1024) };
    for (let i = 0; i < files.length; i++) {
      let bytes: Buffer;
      try {
        bytes = readIntoScratch(files[i], scratch);
      } catch (e) {
        fail(i, e as NodeJS.ErrnoException);
        continue;
      }
      settle(i, bytes);
    }
    return Promise.all(failures).then(() => results);
  }
  return new Promise((resolve) => {
    let next = 0;
    let done = 0;
    const finish = () => {
      if (++done === files.length) void Promise.all(failures).then(() => resolve(results));
      else start();
    };
    const start = () => {
      if (next >= files.length) return;
      const i = next++;
      readFile(files[i], (err, bytes) => {
        if (err) fail(i, err);
        else settle(i, bytes);
        finish();
      });
    };
    if (files.length === 0) resolve(results);
    for (let k = 0; k < Math.min(concurrency, files.length); k++) start();
  });
}
